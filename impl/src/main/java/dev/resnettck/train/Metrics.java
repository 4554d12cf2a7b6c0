package dev.resnettck.train;

import dev.resnettck.nn.GradMode;
import dev.resnettck.data.Batches;
import dev.resnettck.data.Idx;
import dev.resnettck.nn.Module;
import dev.resnettck.tensor.Tensor;

/** Accuracy, confusion matrix and the small tensor arithmetic the learner needs. */
public final class Metrics {
    private static final int EVAL_BATCH = 500;

    private Metrics() {
    }

    /** How many rows of (n, classes) logits have their largest value at the target (first on ties, as argmax). */
    public static int correct(Tensor logits, int[] targets) {
        float[] z = logits.data();
        int classes = logits.size(1);
        int right = 0;
        for (int i = 0; i < targets.length; i++) {
            if (argmax(z, i * classes, classes) == targets[i]) {
                right++;
            }
        }
        return right;
    }

    static int argmax(float[] z, int from, int count) {
        int best = 0;
        for (int k = 1; k < count; k++) {
            if (z[from + k] > z[from + best]) {
                best = k;
            }
        }
        return best;
    }

    /** Test accuracy in evaluation mode; fills {@code confusion[true][predicted]} when given. */
    public static double evaluate(Module model, Idx.Array images, Idx.Array labels, Recipe recipe, int[][] confusion) {
        model.train(false);
        int n = images.count();
        long right = 0;
        for (int from = 0; from < n; from += EVAL_BATCH) {
            int[] idx = new int[Math.min(EVAL_BATCH, n - from)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            Tensor x = Batches.images(images, idx, recipe.inputChannels(), recipe.inputSize(), Batches.MEAN, Batches.STD);
            Tensor logits = GradMode.noGrad(() -> model.forward(x));
            int[] y = Batches.labels(labels, idx);
            float[] z = logits.data();
            int classes = logits.size(1);
            for (int i = 0; i < idx.length; i++) {
                int predicted = argmax(z, i * classes, classes);
                right += predicted == y[i] ? 1 : 0;
                if (confusion != null) {
                    confusion[y[i]][predicted]++;
                }
            }
        }
        model.train(true);
        return (double) right / n;
    }

    static Tensor scale(Tensor t, double factor) {
        float[] v = t.data().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * factor);
        }
        return Tensor.of(v, t.shape());
    }
}
