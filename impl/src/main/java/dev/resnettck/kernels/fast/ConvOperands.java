package dev.resnettck.kernels.fast;

/**
 * The operands a convolution hands the GEMM engine. Columns are ordered (image, position) and
 * depth over the kernel tap-major, {@code k = tap * channels + channel}: a block never mixes taps,
 * and a tap that falls in padding for every column of a panel is skipped as a zero block. A panel
 * row is a few contiguous runs copied with {@code System.arraycopy} wherever the layout allows
 * (the input itself for the fields; a {@link Layouts} copy for the weight gradient).
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

        /** The input position (iy * w + ix) output position p reads through tap t, or -1 in padding. */
        int source(int p, int t) {
            int iy = (p / ow) * sh + t / kw - ph;
            int ix = (p % ow) * sw + t % kw - pw;
            return iy < 0 || iy >= h || ix < 0 || ix >= w ? -1 : iy * w + ix;
        }
    }

    static void zeroRow(float[] dst, int to, int width) {
        java.util.Arrays.fill(dst, to, to + width, 0f);
    }

    /**
     * Weights (out, in, kh, kw) as rows = out channel, depth = (tap, in channel). With
     * {@code flipped}, rows = in channel and depth = (tap, out channel) over the kernel rotated by
     * 180 degrees: the weights of the convolution that computes an input gradient.
     */
    record Weights(float[] w, int out, int in, int taps, boolean flipped) implements Operand {
        @Override
        public void pack(int r0, int count, int width, int k0, int kc, float[] dst, int at) {
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
        public void pack(int r0, int count, int width, int k0, int kc, float[] dst, int at) {
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
     * The receptive fields as rows = column (image, position), depth = (tap, channel), zero in
     * padding, read from the (n, c, h, w) input itself. For one tap a panel row is a few runs: the
     * columns of one output row of one image whose input pixels lie inside the input, contiguous
     * at stride 1 (copied with {@code System.arraycopy}), every {@code sw}-th pixel otherwise.
     * The runs depend only on the panel and the tap, so they are found once per packed block.
     */
    record Fields(float[] nchw, Shape s) implements Operand {
        @Override
        public void pack(int r0, int count, int width, int k0, int kc, float[] dst, int at) {
            // a block may span taps (few channels, as in the stem): one run list per tap
            for (int kk = 0; kk < kc; ) {
                int k = k0 + kk;
                int t = k / s.c();
                int c0 = k % s.c();
                int length = Math.min(kc - kk, s.c() - c0);
                packTap(r0, count, width, t, c0, length, dst, at + kk * width);
                kk += length;
            }
        }

        private void packTap(int r0, int count, int width, int t, int c0, int kc, float[] dst, int at) {
            int plane = s.h() * s.w();
            int[] runs = Ints.lanes(3 * width);
            int runCount = 0;
            int covered = 0;
            int positions = s.positions();
            int dy = t / s.kw() - s.ph();
            int dx = t % s.kw() - s.pw();
            for (int lane = 0; lane < count; ) {
                int col = r0 + lane;
                int img = col / positions;
                int p = col % positions;
                int oy = p / s.ow();
                int ox = p % s.ow();
                int rowLeft = Math.min(s.ow() - ox, count - lane);
                int iy = oy * s.sh() + dy;
                if (iy >= 0 && iy < s.h()) {
                    // output columns ox .. ox + rowLeft - 1 read ix = o * sw + dx; keep those inside [0, w)
                    int first = Math.max(ox, ceilDiv(-dx, s.sw()));
                    int last = Math.min(ox + rowLeft - 1, Math.floorDiv(s.w() - 1 - dx, s.sw()));
                    if (first <= last) {
                        runs[3 * runCount] = lane + first - ox;
                        runs[3 * runCount + 1] = (img * s.c() + c0) * plane + iy * s.w() + first * s.sw() + dx;
                        runs[3 * runCount + 2] = last - first + 1;
                        covered += last - first + 1;
                        runCount++;
                    }
                }
                lane += rowLeft;
            }
            boolean sparse = covered < width;
            int sw = s.sw();
            for (int kk = 0; kk < kc; kk++) {
                int row = at + kk * width;
                if (sparse) {
                    zeroRow(dst, row, width);
                }
                int step = kk * plane;
                for (int r = 0; r < runCount; r++) {
                    int to = row + runs[3 * r];
                    int from = runs[3 * r + 1] + step;
                    int length = runs[3 * r + 2];
                    if (sw == 1) {
                        System.arraycopy(nchw, from, dst, to, length);
                    } else {
                        for (int i = 0; i < length; i++) {
                            dst[to + i] = nchw[from + i * sw];
                        }
                    }
                }
            }
        }

        @Override
        public boolean mayBeNonZero(int r0, int count, int k0, int kc) {
            return meets(s, k0 / s.c(), (k0 + kc - 1) / s.c(), r0, count);
        }

        private static int ceilDiv(int a, int b) {
            return -Math.floorDiv(-a, b);
        }
    }

    /** Whether any tap in [t0, t1] reads inside the input for any column (image, position) in [c0, c0 + count). */
    static boolean meets(Shape s, int t0, int t1, int c0, int count) {
        int positions = s.positions();
        for (int col = c0; col < c0 + count; col++) {
            int p = col % positions;
            for (int t = t0; t <= t1; t++) {
                if (s.source(p, t) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The fields transposed for the weight gradient: rows = (tap, channel), depth = column
     * (position, image), read from a [position][image][channel] copy of the input.
     */
    record FieldsByTap(float[] pic, Shape s) implements Operand {
        @Override
        public void pack(int r0, int count, int width, int k0, int kc, float[] dst, int at) {
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
                        System.arraycopy(pic, (q * n + b) * c + c0, dst, row, width);
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
