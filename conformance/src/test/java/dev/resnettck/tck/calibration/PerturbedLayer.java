package dev.resnettck.tck.calibration;

import dev.resnettck.nn.Module;
import dev.resnettck.nn.Parameter;
import dev.resnettck.tensor.Tensor;
import java.util.Map;

/**
 * A correct layer whose output and input gradient are each moved by a relative {@link #EPS}, up or
 * down by a fixed pseudo-random sign per element: an error of about 50 float32 ulps on every value,
 * whatever the case's conditioning. It shows where the certifying bound sits relative to a
 * uniform error of that size.
 */
final class PerturbedLayer implements Module {
    static final double EPS = 3e-6;
    private final Module inner;

    PerturbedLayer(Module inner) {
        this.inner = inner;
    }

    static Tensor perturb(Tensor t) {
        if (t == null) {
            return null;
        }
        float[] v = t.contiguous().data().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * (1 + ((Integer.bitCount(i * 0x9E3779B1) & 1) == 0 ? EPS : -EPS)));
        }
        return Tensor.of(v, t.shape());
    }

    @Override
    public Tensor forward(Tensor input) {
        return perturb(inner.forward(input));
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return perturb(inner.backward(gradOutput));
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradient) {
        return perturb(inner.backward(gradOutput, inputGradient));
    }

    @Override
    public Map<String, Parameter> parameters() {
        return inner.parameters();
    }

    @Override
    public Map<String, Tensor> buffers() {
        return inner.buffers();
    }

    @Override
    public void train(boolean training) {
        inner.train(training);
    }
}
