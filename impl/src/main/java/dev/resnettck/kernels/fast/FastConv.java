package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.ConvKernels;
import dev.resnettck.kernels.fast.ConvOperands.Shape;
import dev.resnettck.tensor.Tensor;

/**
 * Convolution as implicit GEMM on {@link DoubleGemm}: output (out channel x (position, image)) =
 * weights (out channel x (tap, in channel)) times receptive fields gathered straight from the
 * input. The input gradient is a convolution of the output gradient with the rotated, transposed
 * kernel (for strides above one, over the gradient spread out with zeros); the weight gradient
 * is output gradient times receptive fields, reduced over (image, position).
 */
public final class FastConv implements ConvKernels {

    @Override
    public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
        Shape s = new Shape(g.n(), g.c(), g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.oh(), g.ow());
        float[] b = bias == null ? null : bias.contiguous().data();
        return convolve(input.contiguous().data(), new ConvOperands.Weights(weight.contiguous().data(), g.oc(), g.c(),
                s.taps(), false), g.oc(), s, b);
    }

    /** out (n, oc, oh, ow) = weights * fields(x) (+ bias). */
    private static Tensor convolve(float[] x, ConvOperands.Weights weights, int outChannels, Shape s, float[] bias) {
        int positions = s.positions();
        float[] out = new float[s.n() * outChannels * positions];
        int[] taps = new int[s.taps()];
        for (int t = 0; t < taps.length; t++) {
            taps[t] = t * s.c();
        }
        DoubleGemm.multiply(outChannels, positions * s.n(), s.taps() * s.c(), weights, new ConvOperands.Fields(x, s), taps,
                (m0, mCount, n0, nCount, c, ldc) -> {
                    for (int i = 0; i < mCount; i++) {
                        int oc = m0 + i;
                        double add = bias == null ? 0 : bias[oc];
                        for (int j = 0; j < nCount; j++) {
                            int col = n0 + j;
                            int img = col % s.n();
                            int p = col / s.n();
                            out[(img * outChannels + oc) * positions + p] = (float) (c[i * ldc + j] + add);
                        }
                    }
                });
        return Tensor.of(out, s.n(), outChannels, s.oh(), s.ow());
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
        // strides above one (or padding beyond the kernel): spread the gradient out with zeros, padded so a
        // stride-1, padding-0 convolution lands exactly on the (h, w) input
        int hp = g.h() + g.kh() - 1;
        int wp = g.w() + g.kw() - 1;
        float[] spread = new float[g.n() * g.oc() * hp * wp];
        int positions = g.oh() * g.ow();
        Parallel.forEach(g.n() * g.oc(), plane -> {
            for (int oy = 0; oy < g.oh(); oy++) {
                int y = oy * g.sh() + padH;
                if (y < 0 || y >= hp) {
                    continue;
                }
                for (int ox = 0; ox < g.ow(); ox++) {
                    int x = ox * g.sw() + padW;
                    if (x >= 0 && x < wp) {
                        spread[(plane * hp + y) * wp + x] = gy[plane * positions + oy * g.ow() + ox];
                    }
                }
            }
        });
        Shape s = new Shape(g.n(), g.oc(), hp, wp, g.kh(), g.kw(), 1, 1, 0, 0, g.h(), g.w());
        return convolve(spread, rotated, g.c(), s, null);
    }

    @Override
    public Tensor backwardWeight(Tensor gradOutput, Tensor input, ConvGeometry g) {
        Shape s = new Shape(g.n(), g.c(), g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.oh(), g.ow());
        int taps = s.taps();
        float[] dw = new float[g.oc() * g.c() * taps];
        DoubleGemm.multiply(g.oc(), taps * g.c(), g.n() * s.positions(),
                new ConvOperands.Gradient(gradOutput.contiguous().data(), g.oc(), s.positions()),
                new ConvOperands.FieldsByTap(input.contiguous().data(), s), new int[0],
                (m0, mCount, n0, nCount, c, ldc) -> {
                    for (int i = 0; i < mCount; i++) {
                        for (int j = 0; j < nCount; j++) {
                            int n = n0 + j;
                            dw[((m0 + i) * g.c() + n % g.c()) * taps + n / g.c()] = (float) c[i * ldc + j];
                        }
                    }
                });
        return Tensor.of(dw, g.weightShape());
    }
}
