package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.ConvKernels;
import dev.resnettck.kernels.Epilogue;
import dev.resnettck.kernels.fast.ConvOperands.Shape;
import dev.resnettck.tensor.Tensor;

/**
 * Convolution as implicit GEMM on {@link Gemm}, on NCHW activations: output (out channel x (image,
 * position)) = weights (out channel x (tap, in channel)) times receptive fields gathered from the
 * input itself (no copy, and each output row is written contiguously). The input gradient is a sum
 * of stride phases ({@link StridePhase}), each a stride-1 convolution of the output gradient with a
 * rotated sub-kernel; the weight gradient is output gradient times receptive fields, reduced over
 * (image, position). With double accumulation it is {@code fast-float64}; in float32 it is the
 * engine the channels-last kernels replaced, kept as their bit-for-bit reference (same blocks, same
 * order: {@code ChannelsLastConvTest}).
 */
public final class FastConv implements ConvKernels {
    private final Accumulation accumulation;

    public FastConv(Accumulation accumulation) {
        this.accumulation = accumulation;
    }

    @Override
    public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
        return forward(input, weight, bias, g, null);
    }

    /**
     * The batch norm map is applied to each output as the sink writes it; a residual sum (and the ReLU
     * after it) in one pass over the finished output, the same operations in the same order.
     */
    @Override
    public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g, Epilogue then) {
        Shape s = new Shape(g.n(), g.c(), g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.oh(), g.ow());
        float[] b = bias == null ? null : bias.contiguous().data();
        float[] out = new float[g.n() * g.oc() * s.positions()];
        Epilogue inSink = then == null || then.residual() == null ? then : then.normOnly();
        convolve(input.contiguous().data(), new ConvOperands.Weights(weight.contiguous().data(), g.oc(), g.c(), s.taps()),
                g.oc(), s, true, b, inSink, new Target(out, s.positions(), 0, g.ow(), 1));
        if (inSink != then) {
            float[] add = then.residual().contiguous().data();
            for (int i = 0; i < out.length; i++) {
                float y = out[i] + add[i];
                out[i] = then.relu() && y < 0f ? 0f : y;
            }
        }
        return Tensor.of(out, g.outputShape());
    }

    /**
     * Where a convolution's output goes: position (y, x) of channel plane i at
     * {@code data[i * plane + offset + y * rowStep + x * colStep]} (one phase of a strided
     * input gradient is every stride-th pixel of the planes).
     */
    private record Target(float[] data, int plane, int offset, int rowStep, int colStep) {
    }

    /**
     * target (n, outChannels, oh, ow) = weights * fields(x) (+ bias). The float32 tile reads wide
     * stride-1 fields in place from a padded copy ({@link PaddedFields}); otherwise they are gathered.
     */
    private void convolve(float[] x, Operand weights, int outChannels, Shape s, boolean forward, float[] bias,
            Epilogue then, Target to) {
        int[] breaks = tapBreaks(s, forward);
        int longest = accumulation == Accumulation.FLOAT64 ? Gemm.KC : DepthBreaks.longest(s.c(), s.kw(), forward);
        // the padded fields serve blocks of one tap each
        boolean tapBlocks = s.c() >= DepthBreaks.FEW_CHANNELS && breaks.length == s.taps();
        if (accumulation != Accumulation.FLOAT64 && PaddedFields.suits(s, tapBlocks)) {
            PaddedFields fields = new PaddedFields(x, s);
            Gemm.multiply(accumulation, outChannels, fields.columns(), s.taps() * s.c(), weights, fields, breaks, longest,
                    sink(s, fields.columnsPerImage(), fields.rowWidth(), outChannels, bias, then, to));
        } else {
            Gemm.multiply(accumulation, outChannels, s.positions() * s.n(), s.taps() * s.c(), weights,
                    new ConvOperands.Fields(x, s), breaks, longest, sink(s, s.positions(), s.ow(), outChannels, bias, then,
                            to));
        }
    }

    /**
     * Writes tiles whose columns run over rows {@code rowWidth} wide, {@code perImage} to an image;
     * columns at {@code ox >= ow} (a padded row's tail) are dropped. A run of columns along one
     * output row lands colStep apart: one index per run.
     */
    private static TileSink sink(Shape s, int perImage, int rowWidth, int outChannels, float[] bias, Epilogue then,
                                 Target to) {
        float[] out = to.data();
        int ow = s.ow();
        int colStep = to.colStep();
        return (m0, mCount, n0, nCount, c, ldc) -> {
            // the runs first (tile column, length, output index), then row by row: both arrays in order
            int[] runs = ConvOperands.Ints.lanes(3 * nCount);
            int runCount = 0;
            for (int j = 0; j < nCount; ) {
                int col = n0 + j;
                int img = col / perImage;
                int y = (col % perImage) / rowWidth;
                int xo = (col % perImage) % rowWidth;
                int run = Math.min(nCount - j, rowWidth - xo);
                int kept = Math.max(0, Math.min(run, ow - xo));
                if (kept > 0) {
                    runs[3 * runCount] = j;
                    runs[3 * runCount + 1] = kept;
                    runs[3 * runCount + 2] = img * outChannels * to.plane() + to.offset() + y * to.rowStep() + xo * colStep;
                    runCount++;
                }
                j += run;
            }
            for (int i = 0; i < mCount; i++) {
                int oc = m0 + i;
                double add = bias == null ? 0 : bias[oc];
                int plane = oc * to.plane();
                for (int r = 0; r < runCount; r++) {
                    int src = i * ldc + runs[3 * r];
                    int dst = runs[3 * r + 2] + plane;
                    int kept = runs[3 * r + 1];
                    if (then != null) {
                        for (int q = 0; q < kept; q++) {
                            out[dst + q * colStep] = then.apply(oc, (float) (c[src + q] + add), 0f);
                        }
                    } else if (colStep == 1) {
                        for (int q = 0; q < kept; q++) {
                            out[dst + q] = (float) (c[src + q] + add);
                        }
                    } else {
                        for (int q = 0; q < kept; q++) {
                            out[dst + q * colStep] = (float) (c[src + q] + add);
                        }
                    }
                }
            }
        };
    }

    /**
     * Double accumulation blocks at every tap, or not at all for taps of few channels (the stem's 3:
     * a block of 3 would be mostly loop overhead); float32 blocks as {@link DepthBreaks} says for a
     * forward or an input gradient's pass, the order the channels-last kernels share.
     */
    private int[] tapBreaks(Shape s, boolean forward) {
        if (accumulation != Accumulation.FLOAT64) {
            return DepthBreaks.of(s.c(), s.kh(), s.kw(), forward);
        }
        if (s.c() < DepthBreaks.FEW_CHANNELS) {
            return new int[0];
        }
        int[] taps = new int[s.taps()];
        for (int t = 0; t < taps.length; t++) {
            taps[t] = t * s.c();
        }
        return taps;
    }

    /**
     * dX by phases: input pixels (iy, ix) with the same (iy mod sh, ix mod sw) receive the output
     * gradient through the same sub-kernel (the taps ky = iy + ph (mod sh), likewise in x), so each
     * phase is a stride-1 convolution of dY with that sub-kernel, rotated, written to every stride-th
     * pixel. Stride 1 is one phase: the full convolution with the rotated kernel. No tap that never
     * meets a pixel is computed, and nothing is folded back afterwards.
     */
    @Override
    public Tensor backwardInput(Tensor gradOutput, Tensor weight, ConvGeometry g) {
        float[] gy = gradOutput.contiguous().data();
        float[] w = weight.contiguous().data();
        float[] dx = new float[g.n() * g.c() * g.h() * g.w()];
        for (int ry = 0; ry < g.sh(); ry++) {
            for (int rx = 0; rx < g.sw(); rx++) {
                StridePhase py = StridePhase.of(ry, g.h(), g.kh(), g.sh(), g.ph());
                StridePhase px = StridePhase.of(rx, g.w(), g.kw(), g.sw(), g.pw());
                if (py.empty() || px.empty()) {
                    continue; // no tap reaches these pixels: their gradient is zero
                }
                int[] tapOf = new int[py.taps() * px.taps()];
                for (int vy = 0; vy < py.taps(); vy++) {
                    for (int vx = 0; vx < px.taps(); vx++) {
                        tapOf[vy * px.taps() + vx] = py.kernelTap(vy) * g.kw() + px.kernelTap(vx);
                    }
                }
                Shape s = new Shape(g.n(), g.oc(), g.oh(), g.ow(), py.taps(), px.taps(), 1, 1, py.pad(), px.pad(),
                        py.size(), px.size());
                convolve(gy, new ConvOperands.InputGradientWeights(w, g.oc(), g.c(), g.kh() * g.kw(), tapOf), g.c(), s,
                        false, null, null, new Target(dx, g.h() * g.w(), ry * g.w() + rx, g.sh() * g.w(), g.sw()));
            }
        }
        return Tensor.of(dx, g.inputShape());
    }

    @Override
    public Tensor backwardWeight(Tensor gradOutput, Tensor input, ConvGeometry g) {
        Shape s = new Shape(g.n(), g.c(), g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.oh(), g.ow());
        int taps = s.taps();
        int positions = s.positions();
        float[] dw = new float[g.oc() * g.c() * taps];
        Gemm.multiply(accumulation, g.oc(), taps * g.c(), positions * g.n(),
                new ConvOperands.OutputGradientRows(gradOutput.contiguous().data(), g.oc(), positions),
                new ConvOperands.FieldsByColumn(input.contiguous().data(), s), new int[0],
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
