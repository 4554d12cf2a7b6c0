package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.fast.PixelConvolution.Pass;
import dev.resnettck.kernels.fast.PixelConvolution.Target;
import java.util.Arrays;

/**
 * A forward convolution on {@link Tile} with the roles of {@link PixelConvolution} swapped, for maps
 * with far fewer output pixels than output channels (the 7x7 layers at batch 1): rows are output
 * channels, read in place from the weights (oc, c, kh, kw), each a contiguous run; lanes are output
 * pixels, their receptive fields packed once per call from the padded channels-last input into
 * {@link Tile#NR}-pixel panels, smaller than the weights here. So the weights are neither packed nor
 * cached: at batch 1 a 512-channel 3x3 layer's 9.4 MB of weights had been compared with a kept copy
 * on every call, three times what the arithmetic reads (ResNet34 at batch 1: 35 -> 30 ms without the
 * comparison).
 *
 * <p>Depth follows the weights' own order, channel-major ({@code k = channel * taps + tap}), in blocks
 * of at most {@link Gemm#KC}, each summed from zero and added in float: another ordinary float32
 * order than PixelConvolution's tap-major one (a tap-major row would read the weights {@code taps}
 * floats apart, a cache line per row every other product, from memory again for every tap). No tap
 * is skipped, so this serves only maps at least as large as the kernel, where taps in the padding
 * for a whole panel of pixels do not occur. Each output tile is one task's, summed over the blocks in
 * order: bit-identical for any thread count.
 *
 * <p>A task's tiles are transposed in registers ({@link Transpose16}) into one row per pixel of all its
 * channels, each written to the output as one run: written a tile column (12 channels) at a time, the
 * 32 pixels' stores had gone 8 KB apart at 2048 channels, scalar. 512->2048 1x1 at 7x7, batch 8: 4.46
 * -> 3.98 ms (a throwaway harness, one JVM, alternating blocks of 10 calls, medians, same bits).
 */
final class WeightRowsConvolution {
    /** Floats in a 64-byte cache line. */
    private static final int FLOATS_PER_LINE = 16;

    /**
     * Inference keeps a 1x1 pass of more than this many lane panels of pixels for {@link PixelConvolution}.
     */
    private static final int KEPT_PACKING_LANE_PANELS = 2;

    private WeightRowsConvolution() {
    }

    /**
     * Whether this orientation is the faster: the output pixels at most a quarter of the output
     * channels (so the weights are by far the larger operand: measured at batch 1, 49 pixels by 512
     * channels 1.46 -> 1.11 ms, while 196 by 256 went 0.76 -> 1.08 ms and was left to PixelConvolution),
     * and no tap skipped (the output map at least as large as the kernel).
     *
     * <p>Where the packed weights are kept between calls ({@code packingKept}: inference, {@link
     * PackedCache}), PixelConvolution reads them packed once per call, plus once to compare them with the
     * copy, while this orientation reads them once per lane panel of 32 pixels. So inference leaves it a
     * 1x1 pass only over at most {@link #KEPT_PACKING_LANE_PANELS} lane panels (batch 1 at 7x7). A 1x1
     * pass sums the same blocks in the same order both ways (channel order, {@link Gemm#KC} deep): the
     * same bits as training's forward. Wider kernels keep this orientation (PixelConvolution's
     * tap-major order would give inference other bits). Measured with a throwaway harness (one JVM,
     * alternating blocks of 20 calls, medians, the same bits, Intel Xeon), this orientation against
     * PixelConvolution with the kept packing: 512->2048 1x1 @7 at batch 8 4.62 -> 3.83 ms, batch 4 2.48 ->
     * 2.05, batch 2 1.38 -> 1.22, but batch 1 0.67 against 0.72 (kept here); 1024->2048 1x1 @7, batch 8,
     * 8.26 -> 6.98; 512->1024 1x1 @14, batch 1, 1.24 -> 1.05; 256->1024 1x1 @14, batch 1, 0.67 -> 0.63.
     */
    static boolean suits(Pass g, int outChannels, boolean packingKept) {
        long pixels = (long) g.n() * g.oh() * g.ow();
        boolean fewLanePanels = pixels <= (long) KEPT_PACKING_LANE_PANELS * Tile.NR;
        return 4L * pixels <= outChannels && g.oh() >= g.kh() && g.ow() >= g.kw()
                && (!packingKept || fewLanePanels || g.kh() * g.kw() > 1);
    }

    /** Like {@link PixelConvolution#run}, with the weights (oc, c, kh, kw) as they lie. */
    static void run(Accumulation acc, PaddedNhwc in, Pass g, float[] w, Target to, ChannelRows rows) {
        new Job(acc, in, g, w, to, rows).run();
    }

    private static final class Job {
        private final boolean reversed;
        private final PaddedNhwc in;
        private final Pass g;
        private final float[] w;
        private final Target to;
        private final ChannelRows rows;
        private final int c;
        private final int taps;
        private final int depth;
        private final int[] blocks;
        private final int pixels;
        private final int lanePanels;
        private final int rowPanels;
        private final PixelOrder order;

        Job(Accumulation acc, PaddedNhwc in, Pass g, float[] w, Target to, ChannelRows rows) {
            this.reversed = acc == Accumulation.FLOAT32_REVERSED;
            this.in = in;
            this.g = g;
            this.w = w;
            this.to = to;
            this.rows = rows;
            this.c = in.c();
            this.taps = g.kh() * g.kw();
            this.depth = taps * c;
            this.blocks = Gemm.blocks(depth, new int[0]);
            this.pixels = g.n() * g.oh() * g.ow();
            this.lanePanels = Gemm.tiles(pixels, Tile.NR);
            this.rowPanels = Gemm.tiles(to.channels(), Tile.MR);
            this.order = new PixelOrder(g);
        }

        void run() {
            float[] fields = new float[lanePanels * depth * Tile.NR];
            Parallel.forEach(lanePanels, panel -> pack(panel, fields));
            int least = Math.min(rowPanels, Math.max(1, Gemm.tiles(4 * Parallel.threads(), lanePanels)));
            int groups = EvenSplit.pieces(rowPanels, least, lanePanels, Parallel.threads());
            int group = Gemm.tiles(rowPanels, groups);
            int fGroups = Gemm.tiles(rowPanels, group);
            Parallel.forEach(lanePanels * fGroups, task -> runTask(task / fGroups, task % fGroups * group, group, fields));
        }

        /**
         * Lanes = the panel's pixels, depth k = (channel, tap): {@code fields[(panel * depth + ch * taps + t)
         * * NR + lane]}, read from the padded input (zeros in the padding); lanes past the last pixel stay zero.
         */
        private void pack(int panel, float[] fields) {
            int lanes = Math.min(Tile.NR, pixels - panel * Tile.NR);
            int[] base = new int[lanes];
            for (int lane = 0; lane < lanes; lane++) {
                int i = panel * Tile.NR + lane;
                int pos = order.position(i);
                base[lane] = in.at(order.image(i), (pos / g.ow()) * g.sh() - g.ph(), (pos % g.ow()) * g.sw() - g.pw());
            }
            int[] tapOffset = new int[taps];
            for (int t = 0; t < taps; t++) {
                tapOffset[t] = ((t / g.kw()) * in.wp() + t % g.kw()) * c;
            }
            // rows of the panel written in order; the pixels' taps they read stay in L1 from one channel to the next
            float[] x = in.data();
            int at = panel * depth * Tile.NR;
            for (int ch = 0; ch < c; ch++) {
                for (int t = 0; t < taps; t++) {
                    int row = at + (ch * taps + t) * Tile.NR;
                    int offset = tapOffset[t] + ch;
                    for (int lane = 0; lane < lanes; lane++) {
                        fields[row + lane] = x[base[lane] + offset];
                    }
                }
            }
        }

        private void runTask(int lanePanel, int row0, int group, float[] fields) {
            float[] acc = Scratch.floats(0, Transpose16.N * Tile.NR); // the transposition reads 16 rows
            int end = Math.min(rowPanels, row0 + group);
            int ld = pixelStride(end - row0);
            float[] pixelRows = Scratch.floats(1, Tile.NR * ld);
            int[] o = new int[Tile.MR];
            int[] columnAt = new int[Transpose16.N];
            for (int panel = row0; panel < end; panel++) {
                int first = panel * Tile.MR;
                for (int r = 0; r < Tile.MR; r++) {
                    // rows past the last channel repeat the panel's first, and are not written
                    o[r] = (first + r < to.channels() ? first + r : first) * depth;
                }
                Arrays.fill(acc, 0, Tile.MR * Tile.NR, 0f);
                for (int step = 0; step + 1 < blocks.length; step++) {
                    int blk = reversed ? blocks.length - 2 - step : step;
                    int k0 = blocks[blk];
                    int kc = blocks[blk + 1] - k0;
                    int bi = (lanePanel * depth + k0) * Tile.NR;
                    if (reversed) {
                        Tile.blockReversed(w, o, k0, 1, kc, fields, bi, acc, 0);
                    } else {
                        Tile.block(w, o, k0, kc, fields, bi, acc, 0);
                    }
                }
                transpose(acc, pixelRows, ld, (panel - row0) * Tile.MR, columnAt);
            }
            write(lanePanel, row0 * Tile.MR, Math.min(to.channels(), end * Tile.MR), pixelRows, ld);
        }

        /**
         * The floats between two pixels' rows for {@code panels} row panels: room for the last panel's
         * spare transposed rows, and an odd number of 64-byte lines, so that the rows do not share L1 sets
         * (2048 channels would put them 8 KB apart: one set for all 32; not measured apart from the rest).
         */
        private static int pixelStride(int panels) {
            int lines = (panels * Tile.MR + Transpose16.N - Tile.MR + FLOATS_PER_LINE - 1) / FLOATS_PER_LINE;
            return (lines | 1) * FLOATS_PER_LINE;
        }

        /**
         * Tile column l (pixel l's MR channels) to {@code pixelRows[l * ld + at]}. With 16-lane vectors
         * 16 rows go at once: the 4 past MR land where the next panel's channels (or the spare room) go,
         * and panels are transposed in channel order, so the next panel overwrites them.
         */
        private static void transpose(float[] acc, float[] pixelRows, int ld, int at, int[] columnAt) {
            if (Transpose16.suits()) {
                for (int half = 0; half < Tile.NR; half += Transpose16.N) {
                    for (int c = 0; c < Transpose16.N; c++) {
                        columnAt[c] = (half + c) * ld + at;
                    }
                    Transpose16.columns(acc, half, Tile.NR, pixelRows, columnAt);
                }
                return;
            }
            for (int lane = 0; lane < Tile.NR; lane++) {
                for (int r = 0; r < Tile.MR; r++) {
                    pixelRows[lane * ld + at + r] = acc[r * Tile.NR + lane];
                }
            }
        }

        /** Pixel rows (channels channel0 to channelEnd) written to the output, each one contiguous run. */
        private void write(int lanePanel, int channel0, int channelEnd, float[] pixelRows, int ld) {
            for (int lane = 0; lane < Tile.NR && lanePanel * Tile.NR + lane < pixels; lane++) {
                int i = lanePanel * Tile.NR + lane;
                int pos = order.position(i);
                int at = to.pixel(order.image(i), pos / g.ow(), pos % g.ow()) * to.channels() + channel0;
                rows.write(pixelRows, lane * ld, to.data(), at, channel0, channelEnd - channel0);
            }
        }
    }
}
