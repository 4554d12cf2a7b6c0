package dev.resnettck.tck.training;

import dev.resnettck.data.FashionMnist;
import dev.resnettck.nn.Module;
import dev.resnettck.resnet.Init;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.Evidence;
import dev.resnettck.tck.rules.Level;
import dev.resnettck.tck.rules.Rule;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.spi.Capability;
import dev.resnettck.tck.spi.TckImplementation;
import dev.resnettck.train.History;
import dev.resnettck.train.Learner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The suite's last rule: the implementation trains the gate recipe ({@link GateRecipe}) on the real
 * 60,000 FashionMNIST training images and must reach 90% test accuracy, no more than 1 point below
 * the reference's accuracy for the same recipe, seed and data order. It takes minutes on the fast
 * kernels (hours on the plain ones), so it runs where {@code -Dtck.long} enables long rules.
 */
public final class GateCheck implements Check {
    private final Rule rule = new Rule("GATE-FASHIONMNIST", Level.REQUIRED, "gate",
            "ResNet18 (1 channel, 10 classes) trained 3 epochs on FashionMNIST reaches 90% test accuracy, at most 1 point "
                    + "below the reference's", Rule.Source.GOLDEN, Set.of(Capability.BACKWARD, Capability.TRAINING),
            "every layer's backward and the training loop: the TRAIN-* rules localise a fault better").takingMinutes();

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public Verdict run(TckImplementation impl, SuiteContext context) throws IOException {
        String missing = TrainingData.missing();
        if (missing != null) {
            return new Verdict.Error(missing, "", new Evidence());
        }
        GateReference.Result reference = GateReference.read(context.goldenDir());
        FashionMnist data = TrainingData.get();
        Module model = impl.resnet(GateRecipe.MODEL);
        Init.torchvision(model, GateRecipe.SEED);
        Path checkpoints = context.reportsDir().resolve("gate").resolve(impl.name());
        if (!Boolean.getBoolean("tck.gate.resume")) {
            clear(checkpoints);
        }
        History history;
        int steps = Learner.stepsPerEpoch(GateRecipe.RECIPE, data.trainImages().count()) * GateRecipe.RECIPE.epochs();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("gate " + impl.name()).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(10_000).setMaxRenderedLength(140).build()) {
            history = new Learner(GateRecipe.RECIPE, model, impl.layers().crossEntropy().get(), checkpoints)
                    .fit(data, new Learner.Listener() {
                        @Override
                        public void batch(int epoch, int batch, int batches, double loss, double accuracy, double speed) {
                            bar.stepTo((long) epoch * batches + batch + 1);
                            bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d, loss %.3f, accuracy %.3f, %.0f images/s",
                                    epoch + 1, loss, accuracy, speed));
                        }

                        @Override
                        public void resumed(int fromEpoch, Path checkpoint) {
                            bar.stepTo((long) fromEpoch * (steps / GateRecipe.RECIPE.epochs()));
                            bar.setExtraMessage("resumed after epoch " + fromEpoch + " from " + checkpoint.getFileName());
                        }
                    });
        }
        return verdict(history, reference);
    }

    private Verdict verdict(History h, GateReference.Result reference) {
        Evidence e = new Evidence();
        double acc = h.testAccuracy();
        double floor = Math.max(GateRecipe.MIN_ACCURACY, reference.testAccuracy() - GateRecipe.MAX_BELOW_REFERENCE);
        e.fact("test accuracy", String.format(Locale.ROOT, "%.4f", acc));
        e.fact("reference test accuracy", String.format(Locale.ROOT, "%.4f (libtorch %s, %.0f s)", reference.testAccuracy(),
                reference.libtorch(), reference.seconds()));
        e.fact("required", String.format(Locale.ROOT, ">= %.4f (90%%, and at most 1 point below the reference)", floor));
        e.fact("wall time", String.format(Locale.ROOT, "%.0f s", h.seconds()));
        List<Double> trainLoss = new ArrayList<>();
        List<Double> trainAcc = new ArrayList<>();
        List<Double> testAcc = new ArrayList<>();
        StringBuilder epochs = new StringBuilder("epoch,train_loss,train_accuracy,test_accuracy,seconds\n");
        for (double[] row : h.epochs()) {
            trainLoss.add(row[1]);
            trainAcc.add(row[2]);
            testAcc.add(row[3]);
            epochs.append(String.format(Locale.ROOT, "%d,%.5f,%.5f,%.5f,%.1f%n", (int) row[0] + 1, row[1], row[2], row[3],
                    row[4]));
        }
        e.fact("per epoch", epochs.toString().trim().replace('\n', ' ').replace(',', ' '));
        e.attach("training loss per step", "image/png", Plots.lines("gate: training loss", "step", "cross-entropy", 0,
                List.of("implementation"), List.of(smoothed(h.stepLosses()))));
        e.attach("accuracy per epoch", "image/png", Plots.lines("gate: accuracy", "epoch", "accuracy", 1,
                List.of("train (running)", "test", "reference test"), List.of(trainAcc, testAcc,
                        reference.epochTestAccuracy())));
        e.attach("confusion matrix (test set)", "image/png", Plots.confusion(String.format(Locale.ROOT,
                "FashionMNIST test set, accuracy %.4f", acc), h.confusion(), FashionMnist.NAMES));
        e.attach("epochs.csv", "text/csv", epochs.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (acc >= floor) {
            return new Verdict.Pass(e);
        }
        return new Verdict.Fail(String.format(Locale.ROOT, "test accuracy %.4f is below the required %.4f (reference %.4f)",
                acc, floor, reference.testAccuracy()), "", e);
    }

    /** A 20-step moving average, so the plot shows the trend. */
    private static List<Double> smoothed(List<Double> values) {
        List<Double> out = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < values.size(); i++) {
            sum += values.get(i);
            if (i >= 20) {
                sum -= values.get(i - 20);
            }
            out.add(sum / Math.min(i + 1, 20));
        }
        return out;
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
