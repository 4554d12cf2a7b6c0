package dev.resnettck.layers;

import dev.resnettck.nn.GradMode;
import dev.resnettck.nn.Module;
import dev.resnettck.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code torch.nn.ReLU}: {@code x < 0 ? 0 : x}, which keeps -0.0 and NaN as torch does; the
 * gradient passes only where the input is strictly positive (so it is 0 at +0 and -0, as torch's).
 */
public final class ReLU implements Module {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private Tensor input;

    /**
     * {@code relu(a + b)} in one pass (the residual block's last step), bit for bit {@code forward}
     * of the float sum; the sum is kept for backward only when gradients are on.
     */
    public Tensor forwardSum(Tensor a, Tensor b) {
        Tensor first = dense(a);
        float[] x = first.storage();
        float[] y = b.inLayoutOf(first).storage();
        boolean keep = GradMode.isEnabled();
        float[] sum = keep ? new float[x.length] : null;
        float[] out = new float[x.length];
        int i = 0;
        for (; i < F.loopBound(x.length); i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, i).add(FloatVector.fromArray(F, y, i));
            if (keep) {
                v.intoArray(sum, i);
            }
            v.blend(0f, v.lt(0f)).intoArray(out, i);
        }
        for (; i < x.length; i++) {
            float v = x[i] + y[i];
            if (keep) {
                sum[i] = v;
            }
            out[i] = v < 0f ? 0f : v;
        }
        input = keep ? first.withStorage(sum) : null;
        return first.withStorage(out);
    }

    /** {@code x} if its storage holds exactly its elements (compact or channels-last), else a compact copy. */
    private static Tensor dense(Tensor x) {
        return x.isDense() ? x : x.contiguous();
    }

    /** A convolution applied this layer in its own pass (inference): nothing is kept for backward. */
    public void skipped() {
        input = null;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor dense = dense(x);
        input = GradMode.isEnabled() ? dense : null;
        float[] in = dense.storage();
        float[] out = new float[in.length];
        int i = 0;
        for (; i < F.loopBound(in.length); i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, in, i);
            v.blend(0f, v.lt(0f)).intoArray(out, i);
        }
        for (; i < in.length; i++) {
            out[i] = in[i] < 0f ? 0f : in[i];
        }
        return dense.withStorage(out);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerState.requireForward(input, "ReLU");
        float[] in = input.storage();
        float[] go = gradOutput.inLayoutOf(input).storage();
        float[] dx = new float[in.length];
        int i = 0;
        for (; i < F.loopBound(in.length); i += F.length()) {
            FloatVector.fromArray(F, go, i).blend(0f, FloatVector.fromArray(F, in, i).compare(VectorOperators.GT, 0f).not())
                    .intoArray(dx, i);
        }
        for (; i < in.length; i++) {
            dx[i] = in[i] > 0f ? go[i] : 0f;
        }
        return input.withStorage(dx);
    }
}
