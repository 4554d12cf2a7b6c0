package dev.resnettck.kernels.plain;

import dev.resnettck.kernels.LinearKernels;
import dev.resnettck.tensor.Tensor;

/** The three matrix products of a linear layer as triple loops, in double. */
public final class PlainLinear implements LinearKernels {

    @Override
    public Tensor forward(Tensor x, Tensor weight, Tensor bias) {
        float[] in = x.data();
        float[] w = weight.data();
        float[] b = bias == null ? null : bias.data();
        int out = weight.size(0), k = weight.size(1), rows = in.length / k;
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double sum = b == null ? 0 : b[o];
                for (int i = 0; i < k; i++) {
                    sum += (double) in[r * k + i] * w[o * k + i];
                }
                y[r * out + o] = (float) sum;
            }
        }
        return Tensor.of(y, outputShape(x.shape(), out));
    }

    @Override
    public Tensor backwardInput(Tensor gradOutput, Tensor weight) {
        float[] dy = gradOutput.data();
        float[] w = weight.data();
        int out = weight.size(0), k = weight.size(1), rows = dy.length / out;
        float[] dx = new float[rows * k];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < k; i++) {
                double sum = 0;
                for (int o = 0; o < out; o++) {
                    sum += (double) dy[r * out + o] * w[o * k + i];
                }
                dx[r * k + i] = (float) sum;
            }
        }
        return Tensor.of(dx, outputShape(gradOutput.shape(), k));
    }

    @Override
    public Tensor backwardWeight(Tensor gradOutput, Tensor x) {
        float[] dy = gradOutput.data();
        float[] in = x.data();
        int out = gradOutput.size(-1), k = x.size(-1), rows = in.length / k;
        float[] dw = new float[out * k];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < k; i++) {
                double sum = 0;
                for (int r = 0; r < rows; r++) {
                    sum += (double) dy[r * out + o] * in[r * k + i];
                }
                dw[o * k + i] = (float) sum;
            }
        }
        return Tensor.of(dw, out, k);
    }

    static int[] outputShape(int[] inputShape, int last) {
        int[] s = inputShape.clone();
        s[s.length - 1] = last;
        return s;
    }
}
