package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.tensor.Tensor;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * A convolution's weight gradient on {@link Tile}: rows = output channels, read in place from the
 * channels-last output gradient (a pixel's channels, then the next pixel's); lanes = (tap, input
 * channel) pairs, the receptive fields packed per block (a pixel's channels are contiguous, so a
 * lane panel inside one tap is copied a run at a time); depth = output pixels (image, oy, ox) in
 * blocks of {@link Gemm#KC}. The blocks, their order and each product's place in its block are
 * {@link FastConv}'s, so each element gets the same float operations in the same order. Each output
 * tile is one task's, summed over every block in order: bit-identical for any thread count. Tasks
 * split the lanes before the rows, so a block's fields are packed once where possible. Small outputs
 * over many pixels share out the blocks instead, and add their partial sums in order afterwards.
 */
final class WeightGradient {
    /** Output tiles: at most this many rows by this many lanes (the running sums stay in L2). */
    private static final int ROWS = 43 * Tile.MR;
    private static final int LANES = 8 * Tile.NR;
    /**
     * Outputs of at most this many floats are summed block by block ({@link Job#byBlocks}). Measured
     * with ConvTimes at batch 8: 64->64 1x1 @56 4.3 -> 2.5 ms, 64->256 1x1 @56 9.2 -> 4.8 ms, the stem
     * 27 -> 19 ms; 512->128 1x1 @28 (64 K floats, 49 blocks) went 4.1 -> 5.0 ms and stays by tiles.
     */
    private static final int SMALL_OUTPUT = 40 * 1024;
    /**
     * Nor over more lanes than this: each block's fields (lanes x KC floats, 128 KB here) are packed whole
     * by one task. A 64-channel 3x3 layer's 576 lanes (295 KB a block) went faster by tiles (ConvTimes,
     * alternating runs, the same bits: the gate's 64->64 3x3 @7 at batch 128 2.57-2.59 -> 2.07-2.12 ms,
     * batch 64 1.28-1.37 -> 1.05-1.07 ms; at batch 8 @56 9.04-9.14 against 9.23-9.85 ms, even).
     */
    private static final int SMALL_LANES = 256;
    /** Blocks summed side by side, each into a partial of its own, before they are added in order. */
    private static final int WAVE = 32;

    private WeightGradient() {
    }

    /**
     * dW (oc, c, kh, kw) from dY (channels-last, oc channels) and the input (any layout): into {@code into}
     * (every float overwritten) or, where it is null, a new array.
     */
    static float[] run(Accumulation acc, float[] dy, Tensor input, ConvGeometry g, float[] into) {
        PixelConvolution.Pass pass = new PixelConvolution.Pass(g.n(), g.oh(), g.ow(), g.kh(), g.kw(), g.sh(), g.sw(),
                g.ph(), g.pw(), true);
        // taps of fewer channels than a lane panel are gathered lane by lane: from a zero-bordered copy, so
        // that no lane needs a bounds check (the stem's, 1 channel in the gate, was a run per lane)
        int[] border = g.c() < Tile.NR ? pass.border(g.h(), g.w()) : new int[4];
        return new Job(acc, dy, PaddedNhwc.of(input, border[0], border[1], border[2], border[3]), g, pass, into).run();
    }

    private static final class Job {
        private final boolean reversed;
        private final float[] dy;
        private final PaddedNhwc x;
        private final ConvGeometry g;
        private final int taps;
        private final int m;
        private final int n;
        private final int[] blocks;
        /** dW: {@code into}, or a new array allocated while the tasks sum their first blocks. */
        private final LateArray dw;
        /** Per tap: whether it reads inside the input for some output position (in the gate's 1x1 maps only the centre does). */
        private final boolean[] tapLive;

        Job(Accumulation acc, float[] dy, PaddedNhwc x, ConvGeometry g, PixelConvolution.Pass pass, float[] into) {
            this.reversed = acc == Accumulation.FLOAT32_REVERSED;
            this.dy = dy;
            this.x = x;
            this.g = g;
            this.taps = g.kh() * g.kw();
            this.m = g.oc();
            this.n = taps * g.c();
            this.blocks = Gemm.blocks(g.n() * g.oh() * g.ow(), new int[0]);
            this.tapLive = pass.liveTaps(g.h(), g.w());
            this.dw = new LateArray(m * n, into);
            if (into != null && !allTrue(tapLive)) {
                clear(into); // the floats of taps no pixel reaches are never written: zero them, as a new array is
            }
        }

        private static boolean allTrue(boolean[] flags) {
            for (boolean f : flags) {
                if (!f) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Zeroes {@code a} on the kernels' threads, in chunks: a new array is zeroed by the JVM on the
         * allocating thread alone (the gate's 512-channel 3x3 layers' 9.4 MB, all taps but the centre's
         * never reached on its 1x1 maps).
         */
        private static void clear(float[] a) {
            Parallel.forRanges(a.length, 1 << 16, (from, to) -> Arrays.fill(a, from, to, 0f));
        }

        float[] run() {
            int steps = blocks.length - 1;
            if ((long) m * n <= SMALL_OUTPUT && n <= SMALL_LANES && steps >= 4 * Parallel.threads()) {
                return byBlocks();
            }
            int[][] sets = panelSets();
            int rows = Math.min(ROWS, Gemm.roundUp(m, Tile.MR));
            while (Gemm.tiles(m, rows) * sets.length < 4 * Parallel.threads() && rows > Tile.MR) {
                rows = Gemm.roundUp(rows / 2, Tile.MR);
            }
            int fRows = rows;
            Parallel.forEach(Gemm.tiles(m, rows) * sets.length, t -> tile(t / sets.length * fRows, fRows,
                    sets[t % sets.length]), dw::allocate);
            return dw.await();
        }

        /**
         * dW for outputs too small to share out by tiles (a 64->64 1x1 layer's is 64 x 64 floats, summed
         * over 25088 pixels: as tiles, each of 12 tasks packed every block's fields for itself): the
         * blocks are shared out instead. In waves of {@link #WAVE} blocks, each block's products are summed
         * from zero into a partial tile of its own, by whichever thread; then the partials are added to the
         * running sums in the blocks' order. The same float operations in the same order as {@link #tile}
         * (blocks summed from zero, added in float, block by block), so the same bits, for any thread count.
         */
        private float[] byBlocks() {
            int mPanels = Gemm.tiles(m, Tile.MR);
            int nPanels = Gemm.tiles(n, Tile.NR);
            int tileFloats = mPanels * nPanels * Tile.MR * Tile.NR;
            int steps = blocks.length - 1;
            int wave = Math.min(steps, WAVE);
            float[] partials = new float[wave * tileFloats];
            boolean[] partialLive = new boolean[wave * nPanels];
            float[] c = new float[tileFloats];
            boolean[] ever = new boolean[nPanels];
            int[] lanes = new int[nPanels];
            for (int j = 0; j < nPanels; j++) {
                lanes[j] = j * Tile.NR;
            }
            int[][] o = rowsFrom(0, mPanels);
            for (int w0 = 0; w0 < steps; w0 += wave) {
                int first = w0;
                int count = Math.min(wave, steps - w0);
                Parallel.forEach(count, i -> partial(first + i, o, lanes, partials, i * tileFloats, partialLive,
                        i * nPanels), dw::allocate);
                for (int i = 0; i < count * nPanels; i++) {
                    ever[i % nPanels] |= partialLive[i];
                }
                // in block order, element by element (elements are independent: split into runs of whole panels)
                int panelFloats = Tile.MR * Tile.NR;
                Parallel.forEach(mPanels * nPanels, tileAt -> {
                    int j = tileAt % nPanels;
                    int at = tileAt * panelFloats;
                    for (int i = 0; i < count; i++) {
                        if (partialLive[i * nPanels + j]) {
                            int from = i * tileFloats + at;
                            for (int e = 0; e < panelFloats; e += Tile.L) {
                                FloatVector.fromArray(Tile.F, c, at + e).add(FloatVector.fromArray(Tile.F, partials, from + e))
                                        .intoArray(c, at + e);
                            }
                        }
                    }
                });
            }
            write(0, mPanels, lanes, c, ever);
            return dw.await();
        }

        /** The {@code step}-th block summed (in summing order) from zero into {@code partials[at...]}, tile (i, j) at (i * nPanels + j) * MR * NR. */
        private void partial(int step, int[][] o, int[] lanes, float[] partials, int at, boolean[] live, int liveAt) {
            int steps = blocks.length - 1;
            int blk = reversed ? steps - 1 - step : step;
            int k0 = blocks[blk];
            int kc = blocks[blk + 1] - k0;
            int nPanels = lanes.length;
            float[] b = Scratch.floats(2, nPanels * Gemm.KC * Tile.NR);
            for (int j = 0; j < nPanels; j++) {
                live[liveAt + j] = packFields(lanes[j], k0, kc, b, j * kc * Tile.NR);
                if (!live[liveAt + j]) {
                    continue;
                }
                for (int i = 0; i < o.length; i++) {
                    int ci = at + (i * nPanels + j) * Tile.MR * Tile.NR;
                    multiply(o[i], 0, i, k0, kc, b, j * kc * Tile.NR, null, partials, ci);
                }
            }
        }

        /**
         * Row panel {@code i} (from output channel {@code m0}) by lane panel {@code bi} over the block's
         * pixels [k0, k0 + kc): the block summed from zero, added to {@code sum[ci...]} (none when null)
         * and stored at {@code dst[ci...]}. A whole panel's 12 channels are adjacent in each pixel of dY; a
         * last panel of at most 4 channels runs on 4 rows.
         */
        private void multiply(int[] o, int m0, int i, int k0, int kc, float[] b, int bi, float[] sum, float[] dst,
                int ci) {
            int rows = m - m0 - i * Tile.MR;
            if (reversed) {
                Tile.blockReversed(dy, o, k0 * m, m, kc, b, bi, sum, ci, dst, Tile.ROWS, 0, ci);
            } else if (rows >= Tile.MR) {
                Tile.blockAdjacent(dy, k0 * m + o[0], m, kc, b, bi, sum, ci, dst, Tile.ROWS, 0, ci);
            } else if (rows <= 4) {
                Tile.block4(dy, o, k0 * m, m, kc, b, bi, sum, ci, dst, Tile.ROWS, 0, ci);
            } else {
                Tile.blockStrided(dy, o, k0 * m, m, kc, b, bi, sum, ci, dst, Tile.ROWS, 0, ci);
            }
        }

        /** Each row panel's output channels from {@code m0}: rows past the last channel repeat the panel's first, and are not written. */
        private int[][] rowsFrom(int m0, int mPanels) {
            int[][] o = new int[mPanels][Tile.MR];
            for (int i = 0; i < mPanels; i++) {
                for (int r = 0; r < Tile.MR; r++) {
                    int row = m0 + i * Tile.MR + r;
                    o[i][r] = row < m ? row : m0 + i * Tile.MR;
                }
            }
            return o;
        }

        /**
         * The lane panels each task takes (as their first lane, pairs tap-major). Where a tap's channels
         * fill whole panels, and there are enough of them to keep every thread busy without splitting
         * the rows (which would pack each panel once per row group: 64 channels, 9.5 -> 18 ms), a task
         * takes a group of channels at every tap: its part of each dW row is then one contiguous run (dW
         * is (oc, c, kh, kw): taps innermost), so no two tasks write neighbouring floats of a cache line
         * at once (with runs of lanes, tap-major, every task wrote every ninth float of the same lines:
         * a tenth of the gate's training step). Otherwise runs of consecutive panels.
         */
        private int[][] panelSets() {
            int c = g.c();
            int want = 4 * Parallel.threads();
            if (c % Tile.NR == 0 && c / Tile.NR >= want) {
                int groups = c / Tile.NR;
                int per = Math.max(1, Math.min(Gemm.tiles(groups, want), Math.max(1, LANES / Tile.NR / taps)));
                int[][] sets = new int[Gemm.tiles(groups, per)][];
                for (int s = 0; s < sets.length; s++) {
                    int count = Math.min(per, groups - s * per);
                    sets[s] = new int[count * taps];
                    for (int t = 0; t < taps; t++) {
                        for (int i = 0; i < count; i++) {
                            sets[s][t * count + i] = t * c + (s * per + i) * Tile.NR;
                        }
                    }
                }
                return sets;
            }
            int panels = Gemm.tiles(n, Tile.NR);
            int per = Math.max(1, Math.min(LANES / Tile.NR, panels / want));
            int[][] sets = new int[Gemm.tiles(panels, per)][];
            for (int s = 0; s < sets.length; s++) {
                sets[s] = new int[Math.min(per, panels - s * per)];
                for (int i = 0; i < sets[s].length; i++) {
                    sets[s][i] = (s * per + i) * Tile.NR;
                }
            }
            return sets;
        }

        private void tile(int m0, int rows, int[] lanes) {
            int mPanels = Gemm.tiles(Math.min(rows, m - m0), Tile.MR);
            int nPanels = lanes.length;
            // the running sums: a lane panel's are written whole by its first live block (summed onto zero), so the
            // scratch array is not cleared (a 512-channel 3x3 layer's on a 1x1 map: 9.5 MB, 8 of 9 taps never live)
            float[] c = Scratch.floats(0, mPanels * nPanels * Tile.MR * Tile.NR);
            float[] b = Scratch.floats(2, nPanels * Gemm.KC * Tile.NR);
            boolean[] live = new boolean[nPanels];
            boolean[] ever = new boolean[nPanels];
            int[][] o = rowsFrom(m0, mPanels);
            for (int step = 0; step + 1 < blocks.length; step++) {
                int blk = reversed ? blocks.length - 2 - step : step;
                int k0 = blocks[blk];
                int kc = blocks[blk + 1] - k0;
                boolean any = false;
                for (int j = 0; j < nPanels; j++) {
                    live[j] = packFields(lanes[j], k0, kc, b, j * kc * Tile.NR);
                    any |= live[j];
                }
                if (!any) {
                    continue;
                }
                for (int j = 0; j < nPanels; j++) {
                    if (!live[j]) {
                        continue;
                    }
                    for (int i = 0; i < mPanels; i++) {
                        int ci = (i * nPanels + j) * Tile.MR * Tile.NR;
                        multiply(o[i], m0, i, k0, kc, b, j * kc * Tile.NR, ever[j] ? c : null, c, ci);
                    }
                    ever[j] = true;
                }
            }
            write(m0, mPanels, lanes, c, ever);
        }

        /**
         * Lanes [l0, l0 + NR) (pairs (tap, channel), tap-major) of the receptive fields of pixels
         * [k0, k0 + kc): {@code b[at + kk * NR + lane]}, zero in the padding and past the last pair.
         * Returns whether any value may be non-zero (some tap meets the input for some pixel).
         */
        private boolean packFields(int l0, int k0, int kc, float[] b, int at) {
            int c = g.c();
            // the panel's lanes as runs inside one tap each: (first lane, ky, kx, channel, length)
            int[] runs = new int[5 * Tile.NR];
            int count = 0;
            for (int lane = 0; lane < Tile.NR && l0 + lane < n; count++) {
                int t = (l0 + lane) / c;
                int ch = (l0 + lane) % c;
                int length = Math.min(Math.min(Tile.NR - lane, n - l0 - lane), c - ch);
                runs[5 * count] = lane;
                runs[5 * count + 1] = t / g.kw();
                runs[5 * count + 2] = t % g.kw();
                runs[5 * count + 3] = ch;
                runs[5 * count + 4] = length;
                lane += length;
            }
            if (!meets(runs, count)) {
                return false; // every tap of the panel lies in the padding for every pixel of the block
            }
            if (l0 + Tile.NR > n) {
                Arrays.fill(b, at, at + kc * Tile.NR, 0f); // lanes past the last pair stay zero
            }
            if (g.c() < Tile.NR) {
                gather(l0, k0, kc, b, at);
                return true;
            }
            if (count == 1 && runs[4] == Tile.NR) {
                packWhole(runs[1], runs[2], runs[3], k0, kc, b, at);
                return true;
            }
            float[] in = x.data();
            int plane = g.oh() * g.ow();
            int img = k0 / plane;
            int oy = k0 % plane / g.ow();
            int ox = k0 % g.ow();
            for (int kk = 0; kk < kc; kk++) {
                int iy0 = oy * g.sh() - g.ph();
                int ix0 = ox * g.sw() - g.pw();
                for (int r = 0; r < count; r++) {
                    int to = at + kk * Tile.NR + runs[5 * r];
                    int length = runs[5 * r + 4];
                    int iy = iy0 + runs[5 * r + 1];
                    int ix = ix0 + runs[5 * r + 2];
                    if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
                        int from = x.at(img, iy, ix) + runs[5 * r + 3];
                        if (length == Tile.NR) {
                            FloatVector.fromArray(Tile.F, in, from).intoArray(b, to);
                            FloatVector.fromArray(Tile.F, in, from + Tile.L).intoArray(b, to + Tile.L);
                        } else {
                            for (int i = 0; i < length; i++) { // a few channels (the stem's): no call per run
                                b[to + i] = in[from + i];
                            }
                        }
                    } else {
                        for (int i = 0; i < length; i++) {
                            b[to + i] = 0f;
                        }
                    }
                }
                if (++ox == g.ow()) {
                    ox = 0;
                    if (++oy == g.oh()) {
                        oy = 0;
                        img++;
                    }
                }
            }
            return true;
        }

        /**
         * {@link #packFields} for a lane panel of {@code NR} channels of one tap (kernel row ky, column kx,
         * from channel ch): a whole output row's pixels at a time, split where the tap leaves the input,
         * so the copies inside it step through the input with no test or index arithmetic per pixel (per
         * pixel, they were a third of a 64->64 3x3 layer's weight gradient).
         */
        private void packWhole(int ky, int kx, int ch, int k0, int kc, float[] b, int at) {
            float[] in = x.data();
            int ow = g.ow();
            int sw = g.sw();
            int step = sw * g.c();
            // the output columns whose tap reads inside the input: ox * sw - pw + kx in [0, w)
            int inFrom = Math.min(ow, Math.ceilDiv(Math.max(0, g.pw() - kx), sw));
            int inTo = Math.max(inFrom, Math.min(ow, Math.floorDiv(g.w() - 1 + g.pw() - kx, sw) + 1));
            int plane = g.oh() * ow;
            int img = k0 / plane;
            int oy = k0 % plane / ow;
            int ox = k0 % ow;
            for (int kk = 0; kk < kc; ) {
                int length = Math.min(kc - kk, ow - ox); // this output row's pixels in the block
                int to = at + kk * Tile.NR;
                int iy = oy * g.sh() - g.ph() + ky;
                int lo = iy >= 0 && iy < g.h() ? Math.min(ox + length, Math.max(ox, inFrom)) : ox + length;
                int hi = Math.max(lo, Math.min(ox + length, inTo));
                Arrays.fill(b, to, to + (lo - ox) * Tile.NR, 0f);
                if (lo < hi) {
                    int from = x.at(img, iy, lo * sw - g.pw() + kx) + ch;
                    int into = to + (lo - ox) * Tile.NR;
                    for (int q = lo; q < hi; q++, from += step, into += Tile.NR) {
                        FloatVector.fromArray(Tile.F, in, from).intoArray(b, into);
                        FloatVector.fromArray(Tile.F, in, from + Tile.L).intoArray(b, into + Tile.L);
                    }
                }
                Arrays.fill(b, to + (hi - ox) * Tile.NR, to + length * Tile.NR, 0f);
                kk += length;
                ox += length;
                if (ox == ow) {
                    ox = 0;
                    if (++oy == g.oh()) {
                        oy = 0;
                        img++;
                    }
                }
            }
        }

        /**
         * {@link #packFields} for taps of few channels, from the zero-bordered input: lane l of pixel p is
         * {@code x[base(p) + offset[l]]}, no bounds checked. A kernel row's taps are neighbouring pixels,
         * so their lanes are one contiguous run of the input (the stem's 7 taps of 3 channels: 21 floats):
         * each run is copied a vector at a time (masked to its length), not lane by lane. Lane by lane, with
         * divisions per pixel, packing took 9.7 ms of the stem's 25 ms weight gradient (one thread, batch 8);
         * so, 5.1 of 19.5.
         */
        private void gather(int l0, int k0, int kc, float[] b, int at) {
            int c = g.c();
            int lanes = Math.min(Tile.NR, n - l0);
            // pieces of at most one vector of lanes whose offsets in the input follow one another
            int[] pieceLane = new int[lanes];
            int[] pieceOffset = new int[lanes];
            int[] pieceLength = new int[lanes];
            int pieces = 0;
            for (int lane = 0; lane < lanes; lane++) {
                int t = (l0 + lane) / c;
                int offset = ((t / g.kw()) * x.wp() + t % g.kw()) * c + (l0 + lane) % c;
                int last = pieces - 1;
                if (pieces > 0 && pieceLength[last] < Tile.L && pieceOffset[last] + pieceLength[last] == offset) {
                    pieceLength[last]++;
                } else {
                    pieceLane[pieces] = lane;
                    pieceOffset[pieces] = offset;
                    pieceLength[pieces++] = 1;
                }
            }
            float[] in = x.data();
            int plane = g.oh() * g.ow();
            int img = k0 / plane;
            int oy = k0 % plane / g.ow();
            int ox = k0 % g.ow();
            int step = g.sw() * c;
            // stepping from pixel to pixel (no division per pixel)
            int base = x.at(img, oy * g.sh() - g.ph(), ox * g.sw() - g.pw());
            for (int kk = 0; kk < kc; kk++) {
                int to = at + kk * Tile.NR;
                for (int i = 0; i < pieces; i++) {
                    VectorMask<Float> mask = Tile.F.indexInRange(0, pieceLength[i]);
                    FloatVector.fromArray(Tile.F, in, base + pieceOffset[i], mask).intoArray(b, to + pieceLane[i], mask);
                }
                base += step;
                if (++ox == g.ow()) {
                    ox = 0;
                    if (++oy == g.oh()) {
                        oy = 0;
                        img++;
                    }
                    base = x.at(img, oy * g.sh() - g.ph(), -g.pw());
                }
            }
        }

        /**
         * Whether any run's tap reads inside the input for some output position. A tap that does for some
         * position but not for this block's is packed as zeros and adds nothing (the sums are never -0).
         */
        private boolean meets(int[] runs, int count) {
            for (int r = 0; r < count; r++) {
                if (tapLive[runs[5 * r + 1] * g.kw() + runs[5 * r + 2]]) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The tiles into dW (oc, c, kh, kw): lane k of the tile row is pair (tap k / c, channel k % c). Lane
         * panels no block reached (taps in the padding for every pixel) hold zeros, as dW already does.
         * Each dW row's part is written in its own order (channel-major, taps innermost), each float read
         * from its tile: lane by lane, tap-major, a 3x3 layer's writes landed 9 floats apart and met every
         * cache line of the row nine times (JFR: 6% of a 512->512 3x3 forward+backward's samples).
         */
        private void write(int m0, int mPanels, int[] lanes, float[] c, boolean[] ever) {
            float[] out = dw.await();
            int ch = g.c();
            int nPanels = lanes.length;
            int live = 0;
            for (int j = 0; j < nPanels; j++) {
                live += ever[j] ? Math.min(Tile.NR, n - lanes[j]) : 0;
            }
            // per written float of a row: its place in the dW row (high half) and in the tile row (low half), sorted
            long[] order = new long[live];
            int at = 0;
            for (int j = 0; j < nPanels; j++) {
                if (!ever[j]) {
                    continue;
                }
                for (int lane = 0; lane < Math.min(Tile.NR, n - lanes[j]); lane++) {
                    int pair = lanes[j] + lane;
                    long column = (long) (pair % ch) * taps + pair / ch;
                    order[at++] = column << 32 | (j * Tile.MR * Tile.NR + lane);
                }
            }
            Arrays.sort(order);
            // as runs that are consecutive in both (a 1x1 layer's lane panels are runs of 32 channels; a 3x3 layer's
            // taps are runs of 1)
            int[] column = new int[live];
            int[] from = new int[live];
            int[] length = new int[live];
            int runs = 0;
            for (int k = 0; k < live; k++) {
                int col = (int) (order[k] >>> 32);
                int src = (int) order[k];
                if (runs > 0 && column[runs - 1] + length[runs - 1] == col && from[runs - 1] + length[runs - 1] == src) {
                    length[runs - 1]++;
                } else {
                    column[runs] = col;
                    from[runs] = src;
                    length[runs++] = 1;
                }
            }
            // runs of one float (a 3x3 layer's): where a vector's worth of them are consecutive dW columns (a task's
            // channels at every tap: all of them), one gather from the tile row and one vector store (the gate's
            // training step 78.9 -> 76.8 and 76.5 -> 75.5 ms, 4-step blocks alternating in one JVM, medians)
            boolean[] gathers = new boolean[runs == live ? live / Tile.L : 0];
            for (int v = 0; v < gathers.length; v++) {
                gathers[v] = column[v * Tile.L + Tile.L - 1] == column[v * Tile.L] + Tile.L - 1;
            }
            for (int i = 0; i < mPanels; i++) {
                for (int r = 0; r < Tile.MR && m0 + i * Tile.MR + r < m; r++) {
                    int tileRow = i * nPanels * Tile.MR * Tile.NR + r * Tile.NR;
                    int row = (m0 + i * Tile.MR + r) * n;
                    if (runs == live) {
                        for (int k = 0; k < live; ) {
                            if (k % Tile.L == 0 && k + Tile.L <= live && gathers[k / Tile.L]) {
                                FloatVector.fromArray(Tile.F, c, tileRow, from, k).intoArray(out, row + column[k]);
                                k += Tile.L;
                            } else {
                                out[row + column[k]] = c[tileRow + from[k]];
                                k++;
                            }
                        }
                    } else {
                        for (int k = 0; k < runs; k++) {
                            System.arraycopy(c, tileRow + from[k], out, row + column[k], length[k]);
                        }
                    }
                }
            }
        }
    }
}
