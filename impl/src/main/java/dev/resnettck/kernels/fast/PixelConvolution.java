package dev.resnettck.kernels.fast;

import java.util.Arrays;

/**
 * A convolution on {@link Tile} with output pixels as the rows and output channels as the lanes,
 * over a padded channels-last input: row r reads its receptive field in place (one tap's channels
 * are contiguous, and every tap is a fixed offset from the pixel), so nothing is gathered; the
 * weights are the packed lanes ({@link WeightPanels}). Serves the forward pass and each stride phase
 * of the input gradient.
 *
 * <p>Depth is tap-major and blocked as {@link FastConv} blocks it in float32 ({@link DepthBreaks}: at
 * every tap, or every kernel row for taps of few channels and in a forward pass for rows of at most 192
 * channels; at most {@link Gemm#KC} deep but for those rows), each block
 * summed from zero and added in float, so every output gets exactly the float operations FastConv's
 * gives it, in the same order; and every block lies in place in the padded input. A tap that lies in
 * the padding for every row of a panel is skipped (it would add zeros). Each (panel, lane panel) tile
 * is one task's, summed over the blocks in order, so results are bit-identical for any thread count.
 * A task that runs its panels against many lane panels copies their rows side by side first (the
 * same values, so the same bits), which the tile reads faster than rows where they lie. A deep task
 * runs its tiles block by block, so that each block of a lane panel is read from L1 by all its panels.
 */
final class PixelConvolution {
    /** Panels one task runs against each lane panel: the lane panel is read from L2 this many times. */
    private static final int CHUNK = 16;
    /**
     * Panels a task runs against each lane panel in a deep 1x1 pass ({@link Job#deep}). Measured in one
     * JVM alternating (forward, batch 8, medians of 120 calls each, the same bits, three runs): 2048->512
     * @7 2.80 -> 2.67, 2.99 -> 2.69 and 2.97 -> 2.62 ms, 1024->512 @14 5.09 -> 5.02, 5.17 -> 5.04 and 5.52
     * -> 5.19, 1024->256 @14 2.65 -> 2.66, 2.72 -> 2.65 and 2.68 -> 2.53; the input gradient of 256->1024
     * @14 2.90 -> 2.87, 2.90 -> 2.92 and 2.99 -> 2.89; 512->256 @28 (CHUNK's rows 384 KB) even.
     */
    private static final int DEEP_CHUNK = 4;
    /** Floats of input rows a task's panels may span for CHUNK to stay (half this CPU's 1 MB L2). */
    private static final int ROWS_IN_L2 = 128 * 1024;
    /**
     * Floats of packed lanes above which DEEP_CHUNK is not used: each task reads all its lane panels, and with
     * four times the tasks, 1024->2048 1x1/2's input gradient (8 MB of panels) went 7.58 -> 8.81 and 8.47 ->
     * 9.14 ms.
     */
    private static final int DEEP_LANES = 1 << 20;
    /**
     * The most floats of packed lanes a task's lane panels may hold together for it to run them
     * innermost (1 MB, this CPU's L2): then each pixel panel's output rows are written whole, one after
     * another (a 64->256 1x1 convolution 4.5 -> 3.9 ms); above it, one lane panel at a time meets every
     * pixel panel of the task while it stays in L2 (the deep 3x3 layers).
     */
    private static final int LANES_INNERMOST = 256 * 1024;
    /**
     * A task with at least this many lane panels first copies its panels' rows side by side ({@link
     * Job#packRows}), so that the tile reads them as {@link Tile#blockAdjacent} (on the Intel Xeon, 183-188
     * against 155-170 GFLOP/s read in place); fewer do not repay the copy. Measured with a throwaway harness,
     * batch 8, medians, alternating JVMs, the same bits: with 8, forward 64->256 1x1 @56 10.2-12.3 -> 8.3-9.4
     * ms, 128->512 1x1 @28 6.7-7.3 -> 5.3-5.7, 512->1024 1x1/2 @28 10.0-10.9 -> 7.8-8.7; input gradient
     * 256->64 1x1 @56 11.9-12.4 -> 8.2-8.9, 256->128 @56 15.4 -> 11.2-12.1, 512->256 @28 10.2-10.3 -> 7.9-8.3;
     * the 3x3 layers within the noise (512->512 3x3/2 @14's input gradient 12.1-13.2 -> 11.4); with 4,
     * 512->128 1x1 @28 forward 4.2-4.6 -> 5.0-5.1 and 128->128 3x3/2 @56 9.2-10.6 -> 10.5-11.4.
     */
    private static final int PACK_LANES = 8;
    /** The most floats a task's copied rows may take (1 MB, half the Xeon's L2). */
    private static final int PACK_FLOATS = 256 * 1024;
    /**
     * The depth from which a task of at most CHUNK panels, over taps of at least KC channels, runs its tiles
     * block by block ({@link Job#runByBlock}).
     * Measured in one JVM alternating the two orders (batch 8, medians, the same bits, Intel Xeon): inference
     * 256->256 3x3 @14 10.64 -> 9.99 ms, 512->512 3x3 @7 10.53 -> 9.98, 128->128 3x3 @28 11.90 -> 10.71,
     * 128->128 3x3/2 @56 14.07 -> 13.02, 1024->512 1x1 @14 10.66 -> 9.85, 1024->256 1x1 @14 5.26 -> 4.97; input
     * gradient 128->128 3x3 @28 11.67 -> 10.49, 256->256 3x3 @14 10.63 -> 10.30; batch 1 even or faster. Below
     * it the order cost: the input gradient of 256->512 1x1 @28 (256 deep) 11.79 -> 12.75 ms. So did blocks
     * shorter than KC (one tap of 64 channels): JMH, forward, one fork per build alternating, 64->64 3x3 @56
     * 10.76 and 11.52 -> 11.61 and 12.38 ms; so only taps of at least KC channels (512->512 3x3 @7 in the same
     * run 9.61 and 9.82 -> 9.14 and 9.15).
     */
    private static final int BY_BLOCK_DEPTH = 512;

    private PixelConvolution() {
    }

    /**
     * The pass's sizes: output (n, oh, ow), kernel (kh, kw), stride (sh, sw); tap (0, 0) of output
     * pixel (oy, ox) reads input pixel (oy * sh - ph, ox * sw - pw). A forward pass's depth blocks may
     * span a kernel row of shallow taps; an input gradient's phase passes block at every tap ({@link
     * DepthBreaks}).
     */
    record Pass(int n, int oh, int ow, int kh, int kw, int sh, int sw, int ph, int pw, boolean forward) {
        /** The depth blocks of a pass over {@code c} channels, as {@link FastConv} blocks the same pass. */
        int[] blocks(int c) {
            return Gemm.blocks(kh * kw * c, DepthBreaks.of(c, kh, kw, forward), DepthBreaks.longest(c, kw, forward));
        }

        /** Per tap: whether it reads inside an h x w input for some output (else it lies in the padding for all). */
        boolean[] liveTaps(int h, int w) {
            boolean[] live = new boolean[kh * kw];
            for (int ky = 0; ky < kh; ky++) {
                boolean row = false;
                for (int oy = 0; oy < oh && !row; oy++) {
                    int iy = oy * sh - ph + ky;
                    row = iy >= 0 && iy < h;
                }
                for (int kx = 0; kx < kw && row; kx++) {
                    for (int ox = 0; ox < ow && !live[ky * kw + kx]; ox++) {
                        int ix = ox * sw - pw + kx;
                        live[ky * kw + kx] = ix >= 0 && ix < w;
                    }
                }
            }
            return live;
        }

        /** The border an input of h x w needs so that every tap of every output reads inside it. */
        int[] border(int h, int w) {
            return new int[] {Math.max(0, ph), Math.max(0, (oh - 1) * sh + kh - ph - h), Math.max(0, pw),
                    Math.max(0, (ow - 1) * sw + kw - pw - w)};
        }
    }

    /**
     * Where output pixel (img, oy, ox) goes: pixel {@code (img * height + y0 + oy * yStep) * width + x0
     * + ox * xStep} of a channels-last array with {@code channels} channels (a stride phase of an input
     * gradient lands on every stride-th pixel).
     */
    record Target(float[] data, int channels, int height, int width, int y0, int x0, int yStep, int xStep) {
        static Target whole(float[] data, int channels, int height, int width) {
            return new Target(data, channels, height, width, 0, 0, 1, 1);
        }

        int pixel(int img, int oy, int ox) {
            return (img * height + y0 + oy * yStep) * width + x0 + ox * xStep;
        }
    }

    static void run(Accumulation acc, PaddedNhwc in, Pass g, float[] panels, Target to, ChannelRows rows) {
        run(acc, in, g, panels, 0, to, rows);
    }

    /** With the packed lanes from {@code panels[panelsAt]} on (one stride phase's of several packed together). */
    static void run(Accumulation acc, PaddedNhwc in, Pass g, float[] panels, int panelsAt, Target to, ChannelRows rows) {
        new Job(acc, in, g, panels, panelsAt, to, rows).run();
    }

    /**
     * Packs lane panel j (depth x NR floats, depth-major, as it lies in the whole packing) into {@code into}:
     * from 0, or for several passes each pass's from its own offset.
     */
    interface LanePacker {
        void pack(int j, float[] into);
    }

    /**
     * Whether {@link #runPacking} suits a pass: no more output pixels than output channels (the weights the
     * larger operand), and enough lane panels for every task to take one. Measured in one JVM alternating
     * blocks of 10 calls (batch 8, medians, the same bits), training forward: 512->512 3x3 @7 6.80-8.16 ->
     * 5.38-6.71 ms, 512->512 3x3/2 @14 7.07-8.85 -> 6.29-7.45, 2048->512 1x1 @7 3.22-4.10 -> 2.57-3.45; input
     * gradient: 512->512 3x3 @7 7.64-8.12 -> 6.47-6.63, 512->2048 1x1 @7 4.32-4.37 -> 3.72-3.77, 1024->2048
     * 1x1/2 @14 9.37-9.43 -> 8.46-8.50. Over more pixels each task's pass over all of them costs more than
     * the packing saves: 256->256 3x3/2 @28 (1568 pixels) 5.95-7.06 -> 6.47-7.85 ms, 128->512 1x1 @28
     * 3.44-3.48 -> 4.75-4.93.
     */
    static boolean packingSuits(Pass g, int channels) {
        return WeightPanels.panels(channels) >= 4 * Parallel.threads() && (long) g.n() * g.oh() * g.ow() <= channels;
    }

    /**
     * {@link #run} with the lanes packed by the tasks: each takes one lane panel, packs it into its own
     * scratch array and runs every pixel panel against it there, in L2. Packed whole beforehand, a deep
     * layer's weights (9.4 MB for 512->512 3x3) went out to memory and came back once per task that read
     * them, and the packing alone took about 1 ms of a 6 ms training forward. The panels are laid out as
     * the whole packing lays them out, so the sums are the same, bit for bit.
     */
    static void runPacking(Accumulation acc, PaddedNhwc in, Pass g, LanePacker packer, Target to, ChannelRows rows) {
        runPacking(acc, in, new Pass[] {g}, new int[] {0}, packer, new Target[] {to}, rows);
    }

    /**
     * {@link #runPacking} for several passes over one input whose lanes are the same channels (a strided
     * input gradient's stride phases): task j packs lane panel j of every pass at once, pass p's from
     * {@code at[p]} on ({@code packer}), then runs each pass's pixel panels against its own in turn. So the
     * weights are read once, a lane panel at a time, and no packing goes out to memory and back (packed whole
     * first, a 512->512 3x3/2 layer's 9.4 MB). Each pass's sums are {@link #run}'s: the same bits.
     */
    static void runPacking(Accumulation acc, PaddedNhwc in, Pass[] passes, int[] at, LanePacker packer, Target[] to,
            ChannelRows rows) {
        Job[] jobs = new Job[passes.length];
        int size = 0;
        for (int p = 0; p < passes.length; p++) {
            jobs[p] = new Job(acc, in, passes[p], null, 0, to[p], rows);
            size = Math.max(size, at[p] + jobs[p].depth * Tile.NR);
        }
        int floats = size;
        Parallel.forEach(jobs[0].jPanels, j -> {
            float[] b = Scratch.floats(Scratch.LANE_PANEL, floats);
            packer.pack(j, b);
            for (int p = 0; p < jobs.length; p++) {
                jobs[p].runTask(0, jobs[p].mPanels, j, 1, b, at[p] - j * jobs[p].depth * Tile.NR);
            }
        });
    }

    /** One call's fixed state, shared read-only by its tasks. */
    private static final class Job {
        private final boolean reversed;
        private final PaddedNhwc in;
        private final Pass g;
        private final float[] panels;
        private final int panelsAt;
        private final Target to;
        private final ChannelRows rows;
        private final int c;
        private final int taps;
        private final int depth;
        private final int[] blocks;
        private final int[] tapOffset;
        private final int pixels;
        private final PixelOrder order;
        private final int mPanels;
        private final int jPanels;
        /**
         * A 1x1 stride-1 pass over an unpadded input into a whole output: pixel i of the tiles is
         * pixel i of both, so a panel's rows are found by arithmetic instead of stepping a cursor
         * through images, rows and columns.
         */
        private final boolean contiguous;

        Job(Accumulation acc, PaddedNhwc in, Pass g, float[] panels, int panelsAt, Target to, ChannelRows rows) {
            this.reversed = acc == Accumulation.FLOAT32_REVERSED;
            this.in = in;
            this.g = g;
            this.panels = panels;
            this.panelsAt = panelsAt;
            this.to = to;
            this.rows = rows;
            this.c = in.c();
            this.taps = g.kh() * g.kw();
            this.depth = taps * c;
            this.blocks = g.blocks(c);
            this.tapOffset = new int[taps];
            for (int t = 0; t < taps; t++) {
                tapOffset[t] = ((t / g.kw()) * in.wp() + t % g.kw()) * c;
            }
            this.pixels = g.n() * g.oh() * g.ow();
            this.order = new PixelOrder(g);
            this.mPanels = (pixels + Tile.MR - 1) / Tile.MR;
            this.jPanels = WeightPanels.panels(to.channels());
            this.contiguous = taps == 1 && g.sh() == 1 && g.sw() == 1 && g.ph() == 0 && g.pw() == 0 && !order.byPosition()
                    && in.hp() == g.oh() && in.wp() == g.ow() && in.h() == g.oh() && in.w() == g.ow()
                    && to.equals(Target.whole(to.data(), to.channels(), g.oh(), g.ow()));
        }

        void run() {
            int want = 4 * Parallel.threads();
            int chunks = Gemm.tiles(mPanels, deep() ? DEEP_CHUNK : CHUNK);
            int groups = 1;
            while (chunks * groups < want && groups < jPanels) {
                groups = Math.min(jPanels, 2 * groups);
            }
            while (chunks * groups < want && chunks < mPanels) {
                chunks = Math.min(mPanels, 2 * chunks);
            }
            // chunks and groups of equal size (17 panels are 9 + 8, not 16 + 1), as many chunks as spread the
            // tasks evenly over the threads
            int group = Gemm.tiles(jPanels, groups);
            int fGroups = Gemm.tiles(jPanels, group);
            int chunk = Gemm.tiles(mPanels, EvenSplit.pieces(mPanels, chunks, fGroups, Parallel.threads()));
            int fChunks = Gemm.tiles(mPanels, chunk);
            Parallel.forEach(fChunks * fGroups, task -> runTask(task % fChunks * chunk, chunk, task / fChunks * group,
                    group, panels, panelsAt));
        }

        /**
         * A 1x1 pass whose rows are so deep that CHUNK panels' input rows would fill the half of L2
         * (1024 channels: 16 panels of 12 pixels are 768 KB), over many panels (not batch 1's 17, split
         * finely already), with packed lanes that stay modest: then a task takes DEEP_CHUNK panels, whose
         * rows stay in L2 while it runs them against each of its lane panels.
         */
        private boolean deep() {
            return taps == 1 && mPanels >= 2 * CHUNK && (long) CHUNK * Tile.MR * depth > ROWS_IN_L2
                    && (long) jPanels * depth * Tile.NR <= DEEP_LANES;
        }

        /** The task's tiles, lane panel j's packed lanes at {@code b[bAt + j * depth * NR...]}. */
        private void runTask(int panel0, int chunk, int j0, int group, float[] b, int bAt) {
            int panelEnd = Math.min(mPanels, panel0 + chunk);
            int count = panelEnd - panel0;
            int[] base = new int[count * Tile.MR];
            int[] target = new int[count * Tile.MR];
            boolean[] live = new boolean[count * taps];
            for (int p = 0; p < count; p++) {
                describe(panel0 + p, base, target, p * Tile.MR, live, p * taps);
            }
            // per panel, the depth blocks it sums, in the order it sums them (a block all in the padding adds zeros)
            int steps = blocks.length - 1;
            int[] summed = new int[count * steps];
            int[] summedCount = new int[count];
            for (int p = 0; p < count; p++) {
                for (int step = 0; step < steps; step++) {
                    int blk = reversed ? steps - 1 - step : step;
                    if (anyLive(live, p * taps, blocks[blk] / c, (blocks[blk + 1] - 1) / c)) {
                        summed[p * steps + summedCount[p]++] = blk;
                    }
                }
            }
            int j1 = Math.min(jPanels, j0 + group);
            float[] sum = Scratch.floats(0, Tile.MR * Tile.NR);
            int[] o = new int[Tile.MR];
            int lanePanels = j1 - j0;
            boolean lanesInnermost = (long) lanePanels * depth * Tile.NR <= LANES_INNERMOST;
            boolean packRows = !reversed && lanePanels >= PACK_LANES && (long) count * Tile.MR * depth <= PACK_FLOATS;
            float[] packed = null;
            if (packRows) {
                packed = Scratch.floats(1, count * Tile.MR * depth);
                for (int p = 0; p < count; p++) {
                    for (int i = 0; i < summedCount[p]; i++) {
                        int blk = summed[p * steps + i];
                        int k0 = blocks[blk];
                        int t = k0 / c;
                        packRows(base, p, k0, blocks[blk + 1] - k0, tapOffset[t] + k0 - t * c, packed);
                    }
                }
            }
            if (!reversed && depth >= BY_BLOCK_DEPTH && c >= Gemm.KC && count <= CHUNK) {
                runByBlock(panel0, count, j0, j1, base, target, summed, summedCount, b, bAt, packed);
                return;
            }
            for (int at = 0; at < count * lanePanels; at++) {
                int p = lanesInnermost ? at / lanePanels : at % count;
                int j = j0 + (lanesInnermost ? at % lanePanels : at / count);
                System.arraycopy(base, p * Tile.MR, o, 0, Tile.MR);
                // full lane panels end in the output rows; a partial one ends in the scratch tile and is copied
                boolean whole = (j + 1) * Tile.NR <= to.channels();
                int n = summedCount[p];
                for (int i = 0; i < n; i++) {
                    int blk = summed[p * steps + i];
                    int k0 = blocks[blk];
                    int t = k0 / c;
                    int a = tapOffset[t] + k0 - t * c;
                    int kc = blocks[blk + 1] - k0;
                    int bi = bAt + (j * depth + k0) * Tile.NR;
                    float[] from = i == 0 ? null : sum;
                    if (packRows) {
                        int ai = (p * depth + k0) * Tile.MR;
                        if (i + 1 == n && whole) {
                            Tile.blockAdjacent(packed, ai, Tile.MR, kc, b, bi, from, 0, to.data(), target, p * Tile.MR, j * Tile.NR);
                        } else {
                            Tile.blockAdjacent(packed, ai, Tile.MR, kc, b, bi, from, 0, sum, Tile.ROWS, 0, 0);
                        }
                    } else if (i + 1 == n && whole) {
                        multiply(o, a, kc, b, bi, from, to.data(), target, p * Tile.MR, j * Tile.NR);
                    } else {
                        multiply(o, a, kc, b, bi, from, sum, Tile.ROWS, 0, 0);
                    }
                }
                complete(panel0 + p, j, n > 0, whole, sum, 0, target, p * Tile.MR);
            }
        }

        /**
         * The task's tiles lane panel by lane panel and, within one, depth block by depth block: each block
         * of the lane panel (at most KC x NR floats, 16 KB) meets every pixel panel of the task while it stays
         * in L1, where tile by tile a deep lane panel came from L2 block after block. The running sums wait in
         * a scratch tile per pixel panel (at most CHUNK of 1.5 KB). Each output still sums its blocks in order,
         * each from zero, added in float: the same bits.
         */
        private void runByBlock(int panel0, int count, int j0, int j1, int[] base, int[] target, int[] summed,
                int[] summedCount, float[] b, int bAt, float[] packed) {
            int steps = blocks.length - 1;
            int tile = Tile.MR * Tile.NR;
            float[] acc = Scratch.floats(0, count * tile);
            int[] next = new int[count];
            int[] o = new int[Tile.MR];
            for (int j = j0; j < j1; j++) {
                boolean whole = (j + 1) * Tile.NR <= to.channels();
                Arrays.fill(next, 0);
                for (int blk = 0; blk < steps; blk++) {
                    int k0 = blocks[blk];
                    int t = k0 / c;
                    int a = tapOffset[t] + k0 - t * c;
                    int kc = blocks[blk + 1] - k0;
                    int bi = bAt + (j * depth + k0) * Tile.NR;
                    for (int p = 0; p < count; p++) {
                        int i = next[p];
                        if (i == summedCount[p] || summed[p * steps + i] != blk) {
                            continue;
                        }
                        next[p] = i + 1;
                        int ci = p * tile;
                        float[] from = i == 0 ? null : acc;
                        boolean last = i + 1 == summedCount[p] && whole;
                        float[] dst = last ? to.data() : acc;
                        int[] rowAt = last ? target : Tile.ROWS;
                        int at = last ? p * Tile.MR : 0;
                        int lane0 = last ? j * Tile.NR : ci;
                        if (packed != null) {
                            Tile.blockAdjacent(packed, (p * depth + k0) * Tile.MR, Tile.MR, kc, b, bi, from, ci, dst, rowAt,
                                    at, lane0);
                        } else {
                            System.arraycopy(base, p * Tile.MR, o, 0, Tile.MR);
                            Tile.block(in.data(), o, a, kc, b, bi, from, ci, dst, rowAt, at, lane0);
                        }
                    }
                }
                for (int p = 0; p < count; p++) {
                    complete(panel0 + p, j, summedCount[p] > 0, whole, acc, p * tile, target, p * Tile.MR);
                }
            }
        }

        /**
         * Panel p's rows over depth [k0, k0 + kc) (in the input from offset a) side by side: row r of depth
         * k at {@code (p * depth + k) * MR + r}, the layout {@link Tile#blockAdjacent} reads with step MR.
         */
        private void packRows(int[] base, int p, int k0, int kc, int a, float[] packed) {
            float[] x = in.data();
            int to = (p * depth + k0) * Tile.MR;
            for (int r = 0; r < Tile.MR; r++) {
                int from = base[p * Tile.MR + r] + a;
                for (int k = 0; k < kc; k++) {
                    packed[to + k * Tile.MR + r] = x[from + k];
                }
            }
        }

        /** One block of rows {@code o} (from offset {@code a}) by lane panel {@code bi}: see {@link Tile#block}. */
        private void multiply(int[] o, int a, int kc, float[] b, int bi, float[] sum, float[] dst, int[] rowAt, int at,
                int lane0) {
            if (reversed) {
                Tile.blockReversed(in.data(), o, a, 1, kc, b, bi, sum, 0, dst, rowAt, at, lane0);
            } else {
                Tile.block(in.data(), o, a, kc, b, bi, sum, 0, dst, rowAt, at, lane0);
            }
        }

        /**
         * Each row's input pixel (rows past the last pixel repeat the panel's first, and are not
         * written), where its output goes, and which taps fall inside the input for some row: once
         * per panel, not per lane panel (a division per row per lane panel was a third of a 1x1
         * convolution's time), stepping from pixel to pixel.
         */
        private void describe(int panel, int[] base, int[] target, int at, boolean[] live, int liveAt) {
            int first = panel * Tile.MR;
            int count = Math.min(Tile.MR, pixels - first);
            if (contiguous) { // pixel i reads input pixel i and writes output pixel i
                for (int r = 0; r < count; r++) {
                    base[at + r] = (first + r) * c;
                    target[at + r] = (first + r) * to.channels();
                }
                live[liveAt] = true;
                Arrays.fill(base, at + count, at + Tile.MR, base[at]);
                Arrays.fill(target, at + count, at + Tile.MR, target[at]);
                return;
            }
            PixelOrder.Cursor p = order.cursor(first, g.ow());
            // the last rectangle of taps marked live (kernel rows ky0..ky1, columns kx0..kx1, ends exclusive)
            int markedY0 = 0;
            int markedY1 = 0;
            int markedX0 = 0;
            int markedX1 = 0;
            for (int r = 0; r < count; r++, p.next()) {
                int iy = p.oy * g.sh() - g.ph();
                int ix = p.ox * g.sw() - g.pw();
                base[at + r] = in.at(p.img, iy, ix);
                target[at + r] = to.pixel(p.img, p.oy, p.ox) * to.channels();
                // the kernel rows and columns of this row's taps that read inside the input (most rows
                // of a panel have the same ones: those are marked once)
                int ky0 = Math.max(0, -iy), ky1 = Math.min(g.kh(), in.h() - iy);
                int kx0 = Math.min(g.kw(), Math.max(0, -ix)), kx1 = Math.max(kx0, Math.min(g.kw(), in.w() - ix));
                if (ky0 != markedY0 || ky1 != markedY1 || kx0 != markedX0 || kx1 != markedX1) {
                    for (int ky = ky0; ky < ky1; ky++) {
                        Arrays.fill(live, liveAt + ky * g.kw() + kx0, liveAt + ky * g.kw() + kx1, true);
                    }
                    markedY0 = ky0;
                    markedY1 = ky1;
                    markedX0 = kx0;
                    markedX1 = kx1;
                }
            }
            Arrays.fill(base, at + count, at + Tile.MR, base[at]);
            Arrays.fill(target, at + count, at + Tile.MR, target[at]);
        }

        private static boolean anyLive(boolean[] live, int at, int t0, int t1) {
            for (int t = t0; t <= t1; t++) {
                if (live[at + t]) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A tile's outputs after its last block: where the kernel wrote them into the output rows, the
         * bias and epilogue in place; otherwise from the scratch tile at {@code c[ci]}, which is 0 where
         * nothing was summed (every tap in the padding), as FastConv's sum from zero.
         */
        private void complete(int panel, int j, boolean summedAny, boolean whole, float[] c, int ci, int[] target,
                int at) {
            if (!summedAny) {
                Arrays.fill(c, ci, ci + Tile.MR * Tile.NR, 0f);
            }
            if (summedAny && whole) {
                finish(panel, j, target, at);
            } else {
                write(panel, j, c, ci, target, at);
            }
        }

        private void write(int panel, int j, float[] c, int ci, int[] target, int at) {
            int count = Math.min(Tile.MR, pixels - panel * Tile.MR);
            int lanes = Math.min(Tile.NR, to.channels() - j * Tile.NR);
            for (int r = 0; r < count; r++) {
                rows.write(c, ci + r * Tile.NR, to.data(), target[at + r] + j * Tile.NR, j * Tile.NR, lanes);
            }
        }

        /** The bias and epilogue, in place, on a tile the kernel wrote straight into the output. */
        private void finish(int panel, int j, int[] target, int at) {
            if (rows.plain()) {
                return;
            }
            int count = Math.min(Tile.MR, pixels - panel * Tile.MR);
            for (int r = 0; r < count; r++) {
                int d = target[at + r] + j * Tile.NR;
                rows.write(to.data(), d, to.data(), d, j * Tile.NR, Tile.NR);
            }
        }
    }
}
