package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.ConvKernels;
import dev.resnettck.kernels.fast.ConvOperands.Shape;
import dev.resnettck.tensor.Tensor;

/**
 * Convolution as implicit GEMM on {@link DoubleGemm}: output (out channel x (position, image)) =
 * weights (out channel x (tap, in channel)) times receptive fields gathered from a transposed copy
 * of the input. The input gradient is a convolution of the output gradient with the rotated,
 * transposed kernel (for strides above one, GEMM columns folded back by col2im); the weight
 * gradient is output gradient times receptive fields, reduced over (position, image).
 */
public final class FastConv implements ConvKernels {
    private final Accumulation accumulation;

    /** Double accumulation: each output rounded once. */
    public FastConv() {
        this(Accumulation.FLOAT64);
    }

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
        // a transposed copy pays for itself once a panel's 16 lanes can be 16 images
        float[] pci = n >= DoubleGemm.NR ? Layouts.positionChannelImage(x, n, s.c(), s.h() * s.w()) : null;
        float[] out = new float[n * outChannels * positions];
        int[] taps = new int[s.taps()];
        for (int t = 0; t < taps.length; t++) {
            taps[t] = t * s.c();
        }
        DoubleGemm.multiply(accumulation, outChannels, positions * n, s.taps() * s.c(), weights, new ConvOperands.Fields(pci, x, s), taps,
                (m0, mCount, n0, nCount, c, ldc) -> {
                    for (int i = 0; i < mCount; i++) {
                        int oc = m0 + i;
                        double add = bias == null ? 0 : bias[oc];
                        int p = n0 / n;
                        int img = n0 % n;
                        for (int j = 0; j < nCount; j++) {
                            out[(img * outChannels + oc) * positions + p] = (float) (c[i * ldc + j] + add);
                            if (++img == n) {
                                img = 0;
                                p++;
                            }
                        }
                    }
                });
        return Tensor.of(out, n, outChannels, s.oh(), s.ow());
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
        float[] gyPci = n >= DoubleGemm.NR ? Layouts.positionChannelImage(gy, n, g.oc(), positions) : null;
        double[] columns = new double[rows * cols];
        DoubleGemm.multiply(accumulation, rows, cols, g.oc(), new ConvOperands.TransposedWeights(w, g.oc(), g.c(), taps),
                new ConvOperands.Fields(gyPci, gy, pointwise), new int[0],
                (m0, mCount, n0, nCount) -> meet(s, m0 / g.c(), (m0 + mCount - 1) / g.c(), n0 / n, (n0 + nCount - 1) / n),
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
                        acc[q] += columns[rowBase + p * n + b];
                    }
                }
            }
            for (int q = 0; q < plane; q++) {
                dx[bc * plane + q] = (float) acc[q];
            }
        });
        return Tensor.of(dx, g.inputShape());
    }

    /** Whether any tap in [t0, t1] reads inside the input at any output position in [p0, p1]. */
    private static boolean meet(Shape s, int t0, int t1, int p0, int p1) {
        for (int t = t0; t <= t1; t++) {
            for (int p = p0; p <= p1; p++) {
                if (s.source(p, t) >= 0) {
                    return true;
                }
            }
        }
        return false;
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
        DoubleGemm.multiply(accumulation, g.oc(), taps * g.c(), positions * g.n(), new MatrixOperand(gy, 1, g.oc()),
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
