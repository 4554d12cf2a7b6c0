package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.ConvKernels;
import dev.resnettck.kernels.fast.ConvOperands.Shape;
import dev.resnettck.tensor.Tensor;

/**
 * Convolution as implicit GEMM on {@link Gemm}: output (out channel x (image, position)) =
 * weights (out channel x (tap, in channel)) times receptive fields gathered from the input itself
 * (no copy, and each output row is written contiguously). The input gradient is a convolution of the output gradient with the rotated,
 * transposed kernel (for strides above one, GEMM columns folded back by col2im); the weight
 * gradient is output gradient times receptive fields, reduced over (position, image).
 */
public final class FastConv implements ConvKernels {
    private static final int FEW_CHANNELS = 16;
    private final Accumulation accumulation;

    public FastConv(Accumulation accumulation) {
        this.accumulation = accumulation;
    }

    @Override
    public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
        Shape s = new Shape(g.n(), g.c(), g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.oh(), g.ow());
        float[] b = bias == null ? null : bias.contiguous().data();
        return convolve(input.contiguous().data(), new ConvOperands.Weights(weight.contiguous().data(), g.oc(), g.c(),
                s.taps(), false), g.oc(), s, b);
    }

    /** out (n, oc, oh, ow) = weights * fields(x) (+ bias). */
    private Tensor convolve(float[] x, ConvOperands.Weights weights, int outChannels, Shape s, float[] bias) {
        int positions = s.positions();
        int n = s.n();
        float[] out = new float[n * outChannels * positions];
        Gemm.multiply(accumulation, outChannels, positions * n, s.taps() * s.c(), weights, new ConvOperands.Fields(x, s),
                tapBreaks(s),
                (m0, mCount, n0, nCount, c, ldc) -> {
                    for (int i = 0; i < mCount; i++) {
                        int oc = m0 + i;
                        double add = bias == null ? 0 : bias[oc];
                        int img = n0 / positions;
                        int p = n0 % positions;
                        for (int j = 0; j < nCount; j++) {
                            out[(img * outChannels + oc) * positions + p] = (float) (c[i * ldc + j] + add);
                            if (++p == positions) {
                                p = 0;
                                img++;
                            }
                        }
                    }
                });
        return Tensor.of(out, n, outChannels, s.oh(), s.ow());
    }

    /**
     * Depth blocks start at every tap, so a tap that falls in padding is skipped whole, unless the
     * taps are only a few channels deep (the stem's 3): a block of 3 would be mostly loop overhead,
     * so there blocks run across taps, up to {@link Gemm#KC} deep.
     */
    private static int[] tapBreaks(Shape s) {
        if (s.c() < FEW_CHANNELS) {
            return new int[0];
        }
        int[] taps = new int[s.taps()];
        for (int t = 0; t < taps.length; t++) {
            taps[t] = t * s.c();
        }
        return taps;
    }

    @Override
    public Tensor backwardInput(Tensor gradOutput, Tensor weight, ConvGeometry g) {
        float[] gy = gradOutput.contiguous().data();
        float[] w = weight.contiguous().data();
        ConvOperands.Weights rotated = new ConvOperands.Weights(w, g.oc(), g.c(), g.kh() * g.kw(), true);
        int padH = g.kh() - 1 - g.ph();
        int padW = g.kw() - 1 - g.pw();
        if (g.sh() == 1 && g.sw() == 1 && padH >= 0 && padW >= 0) {
            // a full convolution: the gather's padding tells the engine which taps to skip
            Shape s = new Shape(g.n(), g.oc(), g.oh(), g.ow(), g.kh(), g.kw(), 1, 1, padH, padW, g.h(), g.w());
            return convolve(gy, rotated, g.c(), s, null);
        }
        return backwardInputByColumns(gy, w, g);
    }

    /**
     * For strides above one (or padding beyond the kernel): the input-gradient columns
     * {@code W^T (tap x in channel, out channel) * dY (out channel, position x image)} by GEMM, computing
     * only the (tap, position) pairs that meet inside the input, then col2im: each input element sums
     * its columns in double, in (tap, position) order.
     */
    private Tensor backwardInputByColumns(float[] gy, float[] w, ConvGeometry g) {
        Shape s = new Shape(g.n(), g.c(), g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.oh(), g.ow());
        int taps = s.taps();
        int positions = s.positions();
        int n = g.n();
        int rows = taps * g.c();
        int cols = positions * n;
        Shape pointwise = new Shape(n, g.oc(), g.oh(), g.ow(), 1, 1, 1, 1, 0, 0, g.oh(), g.ow());
        double[] columns = new double[rows * cols];
        Gemm.multiply(accumulation, rows, cols, g.oc(), new ConvOperands.TransposedWeights(w, g.oc(), g.c(), taps),
                new ConvOperands.Fields(gy, pointwise), new int[0],
                (m0, mCount, n0, nCount) -> ConvOperands.meets(s, m0 / g.c(), (m0 + mCount - 1) / g.c(), n0, nCount),
                (m0, mCount, n0, nCount, c, ldc) -> {
                    for (int i = 0; i < mCount; i++) {
                        System.arraycopy(c, i * ldc, columns, (m0 + i) * cols + n0, nCount);
                    }
                });
        int plane = g.h() * g.w();
        float[] dx = new float[n * g.c() * plane];
        Parallel.forEach(n * g.c(), bc -> {
            int b = bc / g.c();
            int ic = bc % g.c();
            double[] acc = Scratch.doubles(3, plane);
            java.util.Arrays.fill(acc, 0, plane, 0.0);
            for (int t = 0; t < taps; t++) {
                int rowBase = (t * g.c() + ic) * cols;
                for (int p = 0; p < positions; p++) {
                    int q = s.source(p, t);
                    if (q >= 0) {
                        acc[q] += columns[rowBase + b * positions + p];
                    }
                }
            }
            for (int q = 0; q < plane; q++) {
                dx[bc * plane + q] = (float) acc[q];
            }
        });
        return Tensor.of(dx, g.inputShape());
    }

    @Override
    public Tensor backwardWeight(Tensor gradOutput, Tensor input, ConvGeometry g) {
        Shape s = new Shape(g.n(), g.c(), g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.oh(), g.ow());
        int taps = s.taps();
        int positions = s.positions();
        // dY as [position][image][out channel]: A rows (out channels) contiguous for each (position, image)
        float[] gy = Layouts.positionImageChannel(gradOutput.contiguous().data(), g.n(), g.oc(), positions);
        float[] pic = Layouts.positionImageChannel(input.contiguous().data(), g.n(), g.c(), g.h() * g.w());
        float[] dw = new float[g.oc() * g.c() * taps];
        Gemm.multiply(accumulation, g.oc(), taps * g.c(), positions * g.n(), new MatrixOperand(gy, 1, g.oc()),
                new ConvOperands.FieldsByTap(pic, s), new int[0],
                (m0, mCount, n0, nCount, c, ldc) -> {
                    for (int i = 0; i < mCount; i++) {
                        int t = n0 / g.c();
                        int ic = n0 % g.c();
                        int base = (m0 + i) * g.c();
                        for (int j = 0; j < nCount; j++) {
                            dw[(base + ic) * taps + t] = (float) c[i * ldc + j];
                            if (++ic == g.c()) {
                                ic = 0;
                                t++;
                            }
                        }
                    }
                });
        return Tensor.of(dw, g.weightShape());
    }
}
