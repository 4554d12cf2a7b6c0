package dev.resnettck.kernels.fast;

/**
 * The operands a convolution hands the GEMM engine. Depth (or rows) that run over the kernel are
 * ordered tap-major, {@code k = tap * channels + channel}, so a block never mixes taps and a tap
 * that falls entirely in padding is skipped as a zero block.
 */
final class ConvOperands {
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

        /** The input flat index read by output position p through tap t for image b, channel 0; -1 in padding. */
        int source(int b, int p, int t) {
            int iy = (p / ow) * sh + t / kw - ph;
            int ix = (p % ow) * sw + t % kw - pw;
            if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                return -1;
            }
            return (b * c * h + iy) * w + ix;
        }
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

    /**
     * The input's receptive fields as rows = output column {@code (position, image)}, depth =
     * (tap, channel): element {@code x[b, c, oy*sh + kh - ph, ox*sw + kw - pw]}, zero in padding.
     */
    record Fields(float[] x, Shape s) implements Operand {
        @Override
        public void pack(int r0, int count, int width, int k0, int kc, double[] dst, int at) {
            int t = k0 / s.c();
            int c0 = k0 % s.c();
            int plane = s.h() * s.w();
            int[] base = Ints.lanes(width);
            for (int lane = 0; lane < width; lane++) {
                int col = r0 + lane;
                base[lane] = lane < count ? s.source(col % s.n(), col / s.n(), t) : -1;
                if (base[lane] >= 0) {
                    base[lane] += c0 * plane;
                }
            }
            for (int kk = 0; kk < kc; kk++) {
                int row = at + kk * width;
                int step = kk * plane;
                for (int lane = 0; lane < width; lane++) {
                    dst[row + lane] = base[lane] < 0 ? 0 : x[base[lane] + step];
                }
            }
        }

        @Override
        public boolean mayBeNonZero(int r0, int count, int k0, int kc) {
            int t = k0 / s.c();
            for (int lane = 0; lane < count; lane++) {
                int col = r0 + lane;
                if (s.source(col % s.n(), col / s.n(), t) >= 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The same fields transposed for the weight gradient: rows = (tap, channel), depth = every
     * (image, position) in natural order {@code b * positions + p}.
     */
    record FieldsByTap(float[] x, Shape s) implements Operand {
        @Override
        public void pack(int r0, int count, int width, int k0, int kc, double[] dst, int at) {
            int plane = s.h() * s.w();
            int positions = s.positions();
            for (int kk = 0; kk < kc; kk++) {
                int r = k0 + kk;
                int b = r / positions;
                int p = r % positions;
                int row = at + kk * width;
                for (int lane = 0; lane < width; lane++) {
                    if (lane >= count) {
                        dst[row + lane] = 0;
                        continue;
                    }
                    int n = r0 + lane;
                    int src = s.source(b, p, n / s.c());
                    dst[row + lane] = src < 0 ? 0 : x[src + (n % s.c()) * plane];
                }
            }
        }

        @Override
        public boolean mayBeNonZero(int r0, int count, int k0, int kc) {
            int positions = s.positions();
            int firstTap = r0 / s.c();
            int lastTap = (r0 + count - 1) / s.c();
            for (int t = firstTap; t <= lastTap; t++) {
                for (int r = k0; r < k0 + kc; r++) {
                    if (s.source(r / positions, r % positions, t) >= 0) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** An output gradient (n, oc, positions) as rows = out channel, depth = (image, position). */
    record Gradient(float[] gy, int outChannels, int positions) implements Operand {
        @Override
        public void pack(int r0, int count, int width, int k0, int kc, double[] dst, int at) {
            for (int kk = 0; kk < kc; kk++) {
                int r = k0 + kk;
                int b = r / positions;
                int p = r % positions;
                int row = at + kk * width;
                for (int lane = 0; lane < width; lane++) {
                    dst[row + lane] = lane < count ? gy[(b * outChannels + r0 + lane) * positions + p] : 0;
                }
            }
        }
    }

    /** Small per-thread int scratch for lane bases. */
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
