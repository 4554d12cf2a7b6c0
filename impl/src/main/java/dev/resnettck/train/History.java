package dev.resnettck.train;

import java.util.ArrayList;
import java.util.List;

/** What a training run measured: every step's loss, and per epoch the mean training loss and accuracy, and test accuracy. */
public final class History {
    private final List<Double> stepLosses = new ArrayList<>();
    private final List<double[]> epochs = new ArrayList<>();
    private int[][] confusion;
    private double testAccuracy = Double.NaN;
    private double seconds;

    public synchronized void step(double loss) {
        stepLosses.add(loss);
    }

    /** @param values {epoch, train loss, train accuracy, test accuracy, seconds} */
    public synchronized void epoch(double... values) {
        epochs.add(values.clone());
    }

    public synchronized List<Double> stepLosses() {
        return List.copyOf(stepLosses);
    }

    public synchronized List<double[]> epochs() {
        return List.copyOf(epochs);
    }

    public synchronized void finish(double accuracy, int[][] confusionMatrix, double wallSeconds) {
        this.testAccuracy = accuracy;
        this.confusion = confusionMatrix;
        this.seconds = wallSeconds;
    }

    public synchronized double testAccuracy() {
        return testAccuracy;
    }

    public synchronized int[][] confusion() {
        return confusion;
    }

    public synchronized double seconds() {
        return seconds;
    }

    /** Restores the per-step losses of epochs a resumed run did not repeat. */
    synchronized void restoreSteps(List<Double> losses) {
        stepLosses.addAll(losses);
    }
}
