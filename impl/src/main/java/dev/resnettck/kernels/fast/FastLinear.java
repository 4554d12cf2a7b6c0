package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.LinearKernels;
import dev.resnettck.tensor.Tensor;

/** The three products of a linear layer on {@link Gemm}; x is (rows, in), weight (out, in). */
public final class FastLinear implements LinearKernels {
    private final Accumulation accumulation;

    public FastLinear(Accumulation accumulation) {
        this.accumulation = accumulation;
    }

    @Override
    public Tensor forward(Tensor x, Tensor weight, Tensor bias) {
        float[] in = x.contiguous().data();
        float[] w = weight.contiguous().data();
        float[] b = bias == null ? null : bias.contiguous().data();
        int out = weight.size(0), k = weight.size(1), rows = in.length / k;
        float[] y = new float[rows * out];
        Gemm.multiply(accumulation, out, rows, k, new MatrixOperand(w, k, 1), new MatrixOperand(in, k, 1), new int[0],
                (m0, mCount, n0, nCount, c, ldc) -> {
                    for (int i = 0; i < mCount; i++) {
                        double add = b == null ? 0 : b[m0 + i];
                        for (int j = 0; j < nCount; j++) {
                            y[(n0 + j) * out + m0 + i] = (float) (c[i * ldc + j] + add);
                        }
                    }
                });
        return Tensor.of(y, lastDim(x.shape(), out));
    }

    @Override
    public Tensor backwardInput(Tensor gradOutput, Tensor weight) {
        float[] dy = gradOutput.contiguous().data();
        float[] w = weight.contiguous().data();
        int out = weight.size(0), k = weight.size(1), rows = dy.length / out;
        float[] dx = new float[rows * k];
        Gemm.multiply(accumulation, k, rows, out, new MatrixOperand(w, 1, k), new MatrixOperand(dy, out, 1), new int[0],
                (m0, mCount, n0, nCount, c, ldc) -> {
                    for (int i = 0; i < mCount; i++) {
                        for (int j = 0; j < nCount; j++) {
                            dx[(n0 + j) * k + m0 + i] = (float) c[i * ldc + j];
                        }
                    }
                });
        return Tensor.of(dx, lastDim(gradOutput.shape(), k));
    }

    @Override
    public Tensor backwardWeight(Tensor gradOutput, Tensor x) {
        float[] dy = gradOutput.contiguous().data();
        float[] in = x.contiguous().data();
        int out = gradOutput.size(-1), k = x.size(-1), rows = in.length / k;
        float[] dw = new float[out * k];
        Gemm.multiply(accumulation, out, k, rows, new MatrixOperand(dy, 1, out), new MatrixOperand(in, 1, k), new int[0],
                (m0, mCount, n0, nCount, c, ldc) -> {
                    for (int i = 0; i < mCount; i++) {
                        for (int j = 0; j < nCount; j++) {
                            dw[(m0 + i) * k + n0 + j] = (float) c[i * ldc + j];
                        }
                    }
                });
        return Tensor.of(dw, out, k);
    }

    private static int[] lastDim(int[] shape, int last) {
        int[] s = shape.clone();
        s[s.length - 1] = last;
        return s;
    }
}
