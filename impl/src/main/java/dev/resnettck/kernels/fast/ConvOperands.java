package dev.resnettck.kernels.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The operands a convolution hands the GEMM engine. Columns are ordered (position, image) and
 * depth over the kernel tap-major, {@code k = tap * channels + channel}: a block never mixes taps,
 * and a tap that falls in padding for every column of a panel is skipped as a zero block. Sources
 * are the copies of {@link Layouts}, so a panel row is one contiguous run whenever the batch (or
 * the channel count) is a multiple of the panel width; otherwise lanes are gathered one by one.
 */
final class ConvOperands {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private ConvOperands() {
    }

    /** Sizes of one stride/padding convolution over an (n, c, h, w) input. */
    record Shape(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int oh, int ow) {
        int taps() {
            return kh * kw;
        }

        int positions() {
            return oh * ow;
        }

        /** The input position (iy * w + ix) output position p reads through tap t, or -1 in padding. */
        int source(int p, int t) {
            int iy = (p / ow) * sh + t / kw - ph;
            int ix = (p % ow) * sw + t % kw - pw;
            return iy < 0 || iy >= h || ix < 0 || ix >= w ? -1 : iy * w + ix;
        }
    }

    /** Copies 16 (or 8) contiguous floats as doubles into a panel row. */
    static void copyRow(float[] src, int from, double[] dst, int to) {
        FloatVector f = FloatVector.fromArray(F, src, from);
        ((DoubleVector) f.convertShape(VectorOperators.F2D, DoubleGemm.D, 0)).intoArray(dst, to);
        ((DoubleVector) f.convertShape(VectorOperators.F2D, DoubleGemm.D, 1)).intoArray(dst, to + DoubleGemm.L);
    }

    static void zeroRow(double[] dst, int to, int width) {
        java.util.Arrays.fill(dst, to, to + width, 0.0);
    }

    /**
     * Weights (out, in, kh, kw) as rows = out channel, depth = (tap, in channel). With
     * {@code flipped}, rows = in channel and depth = (tap, out channel) over the kernel rotated by
     * 180 degrees: the weights of the convolution that computes an input gradient.
     */
    record Weights(float[] w, int out, int in, int taps, boolean flipped) implements Operand {
        @Override
        public void pack(int r0, int count, int width, int k0, int kc, double[] dst, int at) {
            int channels = flipped ? out : in;
            for (int kk = 0; kk < kc; kk++) {
                int k = k0 + kk;
                int t = k / channels;
                int ch = k % channels;
                int row = at + kk * width;
                for (int lane = 0; lane < width; lane++) {
                    if (lane >= count) {
                        dst[row + lane] = 0;
                    } else if (flipped) {
                        dst[row + lane] = w[(ch * in + r0 + lane) * taps + taps - 1 - t];
                    } else {
                        dst[row + lane] = w[((r0 + lane) * in + ch) * taps + t];
                    }
                }
            }
        }
    }

    /** Weights (out, in, kh, kw) as rows = (tap, in channel), depth = out channel: W^T for input-gradient columns. */
    record TransposedWeights(float[] w, int out, int in, int taps) implements Operand {
        @Override
        public void pack(int r0, int count, int width, int k0, int kc, double[] dst, int at) {
            for (int kk = 0; kk < kc; kk++) {
                int row = at + kk * width;
                for (int lane = 0; lane < width; lane++) {
                    int r = r0 + lane;
                    dst[row + lane] = lane < count ? w[((k0 + kk) * in + r % in) * taps + r / in] : 0;
                }
            }
        }
    }

    /**
     * The receptive fields as rows = column (position, image), depth = (tap, channel), read from a
     * [position][channel][image] copy of the input: x[b, c, source(p, t)], zero in padding.
     */
    record Fields(float[] pci, Shape s) implements Operand {
        @Override
        public void pack(int r0, int count, int width, int k0, int kc, double[] dst, int at) {
            int t = k0 / s.c();
            int c0 = k0 % s.c();
            int n = s.n();
            int p = r0 / n;
            int b0 = r0 % n;
            if (count == width && b0 + width <= n) {
                int q = s.source(p, t);
                for (int kk = 0; kk < kc; kk++) {
                    if (q < 0) {
                        zeroRow(dst, at + kk * width, width);
                    } else {
                        copyRow(pci, (q * s.c() + c0 + kk) * n + b0, dst, at + kk * width);
                    }
                }
                return;
            }
            for (int kk = 0; kk < kc; kk++) {
                int row = at + kk * width;
                for (int lane = 0; lane < width; lane++) {
                    int col = r0 + lane;
                    int q = lane < count ? s.source(col / n, t) : -1;
                    dst[row + lane] = q < 0 ? 0 : pci[(q * s.c() + c0 + kk) * n + col % n];
                }
            }
        }

        @Override
        public boolean mayBeNonZero(int r0, int count, int k0, int kc) {
            int t = k0 / s.c();
            int first = r0 / s.n();
            int last = (r0 + count - 1) / s.n();
            for (int p = first; p <= last; p++) {
                if (s.source(p, t) >= 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The fields transposed for the weight gradient: rows = (tap, channel), depth = column
     * (position, image), read from a [position][image][channel] copy of the input.
     */
    record FieldsByTap(float[] pic, Shape s) implements Operand {
        @Override
        public void pack(int r0, int count, int width, int k0, int kc, double[] dst, int at) {
            int n = s.n();
            int c = s.c();
            int t0 = r0 / c;
            int c0 = r0 % c;
            boolean oneTap = count == width && c0 + width <= c;
            for (int kk = 0; kk < kc; kk++) {
                int r = k0 + kk;
                int p = r / n;
                int b = r % n;
                int row = at + kk * width;
                if (oneTap) {
                    int q = s.source(p, t0);
                    if (q < 0) {
                        zeroRow(dst, row, width);
                    } else {
                        copyRow(pic, (q * n + b) * c + c0, dst, row);
                    }
                    continue;
                }
                for (int lane = 0; lane < width; lane++) {
                    int rowIndex = r0 + lane;
                    int q = lane < count ? s.source(p, rowIndex / c) : -1;
                    dst[row + lane] = q < 0 ? 0 : pic[(q * n + b) * c + rowIndex % c];
                }
            }
        }

        @Override
        public boolean mayBeNonZero(int r0, int count, int k0, int kc) {
            int firstTap = r0 / s.c();
            int lastTap = (r0 + count - 1) / s.c();
            int firstP = k0 / s.n();
            int lastP = (k0 + kc - 1) / s.n();
            for (int t = firstTap; t <= lastTap; t++) {
                for (int p = firstP; p <= lastP; p++) {
                    if (s.source(p, t) >= 0) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
