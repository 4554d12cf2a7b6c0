package dev.resnettck.layers;

import dev.resnettck.nn.Loss;
import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;

/**
 * Softmax cross-entropy, mean over the batch: {@code loss = mean(logsumexp(z) - z[target])},
 * gradient {@code (softmax(z) - onehot(target)) / n}; all in double.
 */
public final class CrossEntropyLoss implements Loss {
    private Tensor logits;
    private int[] targets;

    @Override
    public double forward(Tensor z, int[] target) {
        Shapes.requireRank(z, 2, "CrossEntropyLoss", "(N, classes)");
        int n = z.size(0), classes = z.size(1);
        if (target.length != n) {
            throw new IllegalArgumentException("CrossEntropyLoss: " + target.length + " targets for a batch of " + n);
        }
        for (int i = 0; i < n; i++) {
            if (target[i] < 0 || target[i] >= classes) {
                throw new IllegalArgumentException("CrossEntropyLoss: target[" + i + "] = " + target[i]
                        + " is not a class index in [0, " + classes + ")");
            }
        }
        logits = z.contiguous();
        targets = target.clone();
        float[] v = logits.data();
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += logSumExp(v, i * classes, classes) - v[i * classes + target[i]];
        }
        return total / n;
    }

    @Override
    public Tensor backward() {
        LayerState.requireForward(logits, "CrossEntropyLoss");
        int n = logits.size(0), classes = logits.size(1);
        float[] v = logits.data();
        float[] grad = new float[v.length];
        for (int i = 0; i < n; i++) {
            double lse = logSumExp(v, i * classes, classes);
            for (int k = 0; k < classes; k++) {
                double p = Math.exp(v[i * classes + k] - lse);
                grad[i * classes + k] = (float) ((p - (k == targets[i] ? 1 : 0)) / n);
            }
        }
        return Tensor.of(grad, n, classes);
    }

    static double logSumExp(float[] v, int from, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            max = Math.max(max, v[from + k]);
        }
        double sum = 0;
        for (int k = 0; k < count; k++) {
            sum += Math.exp(v[from + k] - max);
        }
        return max + Math.log(sum);
    }
}
