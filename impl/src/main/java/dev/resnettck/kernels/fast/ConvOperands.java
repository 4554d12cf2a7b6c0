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
     * The receptive fields as rows = column (position, image), depth = (tap, channel), zero in
     * padding. Batches of 16 or more read a [position][channel][image] copy (a panel is 16 images at
     * one position: contiguous); smaller ones read the (n, c, h, w) input itself, where a panel of a
     * single image is 16 positions along an output row: contiguous for stride 1 away from the borders.
     */
    record Fields(float[] pci, float[] nchw, Shape s) implements Operand {
        @Override
        public void pack(int r0, int count, int width, int k0, int kc, double[] dst, int at) {
            int t = k0 / s.c();
            int c0 = k0 % s.c();
            int n = s.n();
            if (pci != null && count == width && r0 % n + width <= n) {
                int q = s.source(r0 / n, t);
                for (int kk = 0; kk < kc; kk++) {
                    if (q < 0) {
                        zeroRow(dst, at + kk * width, width);
                    } else {
                        copyRow(pci, (q * s.c() + c0 + kk) * n + r0 % n, dst, at + kk * width);
                    }
                }
                return;
            }
            int plane = s.h() * s.w();
            if (n == 1 && s.sw() == 1 && count == width && r0 % s.ow() + width <= s.ow()) {
                int iy = (r0 / s.ow()) * s.sh() + t / s.kw() - s.ph();
                int ix0 = r0 % s.ow() + t % s.kw() - s.pw();
                if (iy < 0 || iy >= s.h()) {
                    for (int kk = 0; kk < kc; kk++) {
                        zeroRow(dst, at + kk * width, width);
                    }
                    return;
                }
                if (ix0 >= 0 && ix0 + width <= s.w()) {
                    for (int kk = 0; kk < kc; kk++) {
                        copyRow(nchw, (c0 + kk) * plane + iy * s.w() + ix0, dst, at + kk * width);
                    }
                    return;
                }
            }
            int[] base = Ints.lanes(width);
            for (int lane = 0; lane < width; lane++) {
                int col = r0 + lane;
                int q = lane < count ? s.source(col / n, t) : -1;
                base[lane] = q < 0 ? -1 : (col % n) * s.c() * plane + c0 * plane + q;
            }
            for (int kk = 0; kk < kc; kk++) {
                int row = at + kk * width;
                int step = kk * plane;
                for (int lane = 0; lane < width; lane++) {
                    dst[row + lane] = base[lane] < 0 ? 0 : nchw[base[lane] + step];
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

    /** A small per-thread int scratch for lane offsets, so packing allocates nothing. */
    static final class Ints {
        private static final ThreadLocal<int[]> LANES = ThreadLocal.withInitial(() -> new int[64]);

        private Ints() {
        }

        static int[] lanes(int width) {
            int[] a = LANES.get();
            if (a.length < width) {
                a = new int[width];
                LANES.set(a);
            }
            return a;
        }
    }
}
