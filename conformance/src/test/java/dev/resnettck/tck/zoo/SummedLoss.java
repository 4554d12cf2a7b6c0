package dev.resnettck.tck.zoo;

import dev.resnettck.layers.CrossEntropyLoss;
import dev.resnettck.nn.Loss;
import dev.resnettck.tensor.Tensor;

/** Planted fault: reduction 'sum' where torch's default is 'mean'. */
final class SummedLoss implements Loss {
    private final CrossEntropyLoss mean = new CrossEntropyLoss();
    private int n;

    @Override
    public double forward(Tensor logits, int[] targets) {
        n = targets.length;
        return mean.forward(logits, targets) * n;
    }

    @Override
    public Tensor backward() {
        float[] g = mean.backward().data();
        for (int i = 0; i < g.length; i++) {
            g[i] *= n;
        }
        return Tensor.of(g, n, g.length / n);
    }
}
