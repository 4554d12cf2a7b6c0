package dev.resnettck.kernels.fast;

/**
 * The operands a convolution hands the GEMM engine. Columns are ordered (image, position) and
 * depth over the kernel tap-major, {@code k = tap * channels + channel}: a block never mixes taps,
 * and a tap that falls in padding for every column of a panel is skipped as a zero block. A panel
 * row is a few contiguous runs copied with {@code System.arraycopy} wherever the layout allows
 * (the input itself for the fields; a {@link Layouts} copy for the weight gradient).
 */
final class ConvOperands {
    /** Runs shorter than this are copied by hand: System.arraycopy's call costs more than a few moves. */
    private static final int SHORT_RUN = 12;
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

    /** Weights (out, in, kh, kw) as rows = out channel, depth = (tap, in channel). */
    record Weights(float[] w, int out, int in, int taps) implements Operand {
        @Override
        public float[] contents() {
            return w;
        }

        @Override
        public Object layout() {
            return java.util.List.of(Weights.class, out, in, taps);
        }

        @Override
        public void pack(int r0, int count, int width, int k0, int kc, float[] dst, int at) {
            int t = k0 / in;
            int ch = k0 % in;
            for (int kk = 0; kk < kc; kk++) {
                int row = at + kk * width;
                int from = (r0 * in + ch) * taps + t;
                for (int lane = 0; lane < count; lane++) {
                    dst[row + lane] = w[from + lane * in * taps];
                }
                for (int lane = count; lane < width; lane++) {
                    dst[row + lane] = 0;
                }
                if (++ch == in) {
                    ch = 0;
                    t++;
                }
            }
        }
    }

    /**
     * Weights (out, in, kh, kw) as the weights of an input-gradient convolution: rows = in channel,
     * depth = (sub-kernel tap v, out channel), where v reads kernel tap {@code tapOf[v]}.
     */
    record InputGradientWeights(float[] w, int out, int in, int taps, int[] tapOf) implements Operand {
        @Override
        public void pack(int r0, int count, int width, int k0, int kc, float[] dst, int at) {
            int v = k0 / out;
            int ch = k0 % out;
            for (int kk = 0; kk < kc; kk++) {
                int row = at + kk * width;
                int from = (ch * in + r0) * taps + tapOf[v];
                for (int lane = 0; lane < count; lane++) {
                    dst[row + lane] = w[from + lane * taps];
                }
                for (int lane = count; lane < width; lane++) {
                    dst[row + lane] = 0;
                }
                if (++ch == out) {
                    ch = 0;
                    v++;
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
            int runCount = runs(s, t, r0, count, runs);
            boolean sparse = covered(runs, runCount) < width;
            int sw = s.sw();
            for (int kk = 0; kk < kc; kk++) {
                int row = at + kk * width;
                if (sparse) {
                    zeroRow(dst, row, width);
                }
                int step = (c0 + kk) * plane;
                for (int r = 0; r < runCount; r++) {
                    int to = row + runs[3 * r];
                    int from = runs[3 * r + 1] + step;
                    int length = runs[3 * r + 2];
                    if (sw == 1 && length >= SHORT_RUN) {
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

        /**
         * A 1x1 stride-1 convolution without padding whose output is as large as its input reads each
         * channel plane as it is: a panel of columns inside one image is a contiguous run of every
         * channel, one plane apart. (An input gradient's stride phase can be a 1x1 pass over fewer
         * columns than its input has: a 4x4 phase of a 4x5 dY is not contiguous in it.)
         */
        @Override
        public int offsetInSource(int r0, int width, int k0, int kc) {
            boolean pointwise = s.taps() == 1 && s.sh() == 1 && s.sw() == 1 && s.ph() == 0 && s.pw() == 0
                    && s.oh() == s.h() && s.ow() == s.w();
            int plane = s.positions();
            if (!pointwise || r0 / plane != (r0 + width - 1) / plane) {
                return -1;
            }
            return ((r0 / plane) * s.c() + k0) * plane + r0 % plane;
        }

        @Override
        public float[] source() {
            return nchw;
        }

        @Override
        public int sourceStep() {
            return s.positions();
        }
    }

    /**
     * The runs of columns (image, position) in [col0, col0 + count) that tap t reads inside the
     * input: per run, (offset from col0, input offset of channel 0, length) into {@code runs}; a
     * run is one output row of one image, its pixels {@code sw} apart. Returns how many runs.
     */
    static int runs(Shape s, int t, int col0, int count, int[] runs) {
        int plane = s.h() * s.w();
        int positions = s.positions();
        int dy = t / s.kw() - s.ph();
        int dx = t % s.kw() - s.pw();
        int runCount = 0;
        for (int lane = 0; lane < count; ) {
            int col = col0 + lane;
            int img = col / positions;
            int p = col % positions;
            int oy = p / s.ow();
            int ox = p % s.ow();
            int rowLeft = Math.min(s.ow() - ox, count - lane);
            int iy = oy * s.sh() + dy;
            if (iy >= 0 && iy < s.h()) {
                // output columns ox .. ox + rowLeft - 1 read ix = o * sw + dx; keep those inside [0, w)
                int first = Math.max(ox, -Math.floorDiv(dx, s.sw()));
                int last = Math.min(ox + rowLeft - 1, Math.floorDiv(s.w() - 1 - dx, s.sw()));
                if (first <= last) {
                    runs[3 * runCount] = lane + first - ox;
                    runs[3 * runCount + 1] = img * s.c() * plane + iy * s.w() + first * s.sw() + dx;
                    runs[3 * runCount + 2] = last - first + 1;
                    runCount++;
                }
            }
            lane += rowLeft;
        }
        return runCount;
    }

    static int covered(int[] runs, int runCount) {
        int covered = 0;
        for (int r = 0; r < runCount; r++) {
            covered += runs[3 * r + 2];
        }
        return covered;
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
     * The fields transposed for the weight gradient: rows = (tap, channel), depth = column (image,
     * position), read from the (n, c, h, w) input. Each lane is filled along the depth from the
     * runs of its tap (contiguous reads; the panel itself sits in L1).
     */
    record FieldsByColumn(float[] nchw, Shape s) implements Operand {
        @Override
        public void pack(int r0, int count, int width, int k0, int kc, float[] dst, int at) {
            int c = s.c();
            int plane = s.h() * s.w();
            int sw = s.sw();
            int[] runs = Ints.lanes(3 * kc);
            boolean sparse = count < width;
            for (int t = r0 / c; t <= (r0 + count - 1) / c && !sparse; t++) {
                sparse = covered(runs, runs(s, t, k0, kc, runs)) < kc;
            }
            if (sparse) {
                java.util.Arrays.fill(dst, at, at + kc * width, 0f);
            }
            for (int lane = 0; lane < count; ) {
                int t = (r0 + lane) / c;
                int ch0 = (r0 + lane) % c;
                int lanes = Math.min(count - lane, c - ch0);
                int runCount = runs(s, t, k0, kc, runs);
                for (int l = 0; l < lanes; l++) {
                    int column = at + lane + l;
                    int channel = (ch0 + l) * plane;
                    for (int r = 0; r < runCount; r++) {
                        int to = column + runs[3 * r] * width;
                        int from = runs[3 * r + 1] + channel;
                        for (int i = 0, length = runs[3 * r + 2]; i < length; i++) {
                            dst[to + i * width] = nchw[from + i * sw];
                        }
                    }
                }
                lane += lanes;
            }
        }

        @Override
        public boolean mayBeNonZero(int r0, int count, int k0, int kc) {
            return meets(s, r0 / s.c(), (r0 + count - 1) / s.c(), k0, kc);
        }
    }

    /** The output gradient (n, oc, oh, ow) as rows = out channel, depth = column (image, position). */
    record OutputGradientRows(float[] gy, int channels, int positions) implements Operand {
        @Override
        public void pack(int r0, int count, int width, int k0, int kc, float[] dst, int at) {
            for (int lane = 0; lane < width; lane++) {
                if (lane >= count) {
                    for (int kk = 0; kk < kc; kk++) {
                        dst[at + kk * width + lane] = 0;
                    }
                    continue;
                }
                for (int kk = 0; kk < kc; ) {
                    int col = k0 + kk;
                    int p = col % positions;
                    int length = Math.min(kc - kk, positions - p);
                    int from = ((col / positions) * channels + r0 + lane) * positions + p;
                    int to = at + kk * width + lane;
                    for (int i = 0; i < length; i++) {
                        dst[to + i * width] = gy[from + i];
                    }
                    kk += length;
                }
            }
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
