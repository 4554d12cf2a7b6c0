package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 3x3 stride-1 convolution with padding 1 by Winograd's minimal filtering F(2x2, 3x3): each 2x2
 * block of output pixels (a tile) is computed from the tile's 4x4 input patch d and the kernel g as
 * {@code A^T [(G g G^T) . (B^T d B)] A}, 16 element-wise products per channel pair where the direct
 * sum takes 36. The 16 products are 16 GEMMs ((tiles x c) times (c x oc)) on {@link Tile}: rows are
 * tiles (the transformed patches, one channel run each), lanes are output channels (the transformed
 * kernels, packed as {@link WeightPanels} packs lanes), depth is the input channels in blocks of
 * {@link Gemm#KC}, each summed from zero and added in float. The transforms' coefficients are 0, 1,
 * -1 and 1/2 (exact), their sums rounded as float32 rounds them: another ordinary float32 order, not
 * the direct convolution's bits. Every value has one task, so results are bit-identical for any
 * thread count.
 *
 * <p>Three passes: the patches' transforms (16 x tiles x c floats), the 16 GEMMs (16 x tiles x oc), the
 * products' transforms into the output (with the bias and the inference epilogue, as {@link ChannelRows}
 * writes any tile row). Where the transformed kernels are small (up to 256 -> 256 channels), each task runs
 * all three for its own group of tiles ({@link #runGrouped}); otherwise each runs over the whole batch
 * ({@link #runPasses}). Measured, the passes over the whole batch, against the direct sums in one JVM
 * alternating (KTimes, batch 8, medians of 5 rounds, ms): inference 256->256 @14 5.89 -> 3.71, 512->512
 * @7 6.34 -> 4.82; training forward 128->128 @28 5.69 -> 4.54, 256->256 @14 5.78 -> 3.54; input gradient
 * 128->128 @28 6.14 -> 5.12, 256->256 @14 6.09 -> 4.02; batch 1, 128->128 @28 forward 0.72 -> 0.48,
 * 256->256 @14 inference 0.77 -> 0.48. The same passes lost on 64->64 @56 (6.1 against 8.5 ms: the
 * transformed patches and products, 26 MB each, went to memory and back; group by group they win), and at
 * batch 1 on 512->512 @7 (16 tiles, 1.27 against 1.33 ms: the transformed kernels are 16.8 MB).
 */
final class WinogradConvolution {
    private static final VectorSpecies<Float> F = Tile.F;
    /** Elements of a transformed patch or kernel (4 x 4). */
    private static final int XI = 16;
    /**
     * Fewer channels read and write the transformed patches and products from memory at a loss (64->64 @56) in
     * the three passes over the whole batch; run group by group, 64 channels win ({@link #runGrouped}).
     */
    private static final int LEAST_CHANNELS = 128;
    private static final int LEAST_GROUPED_CHANNELS = 64;
    /**
     * The smallest map on which fewer than {@link #LEAST_CHANNELS} channels take this path: the GEMMs are only 64
     * deep there, and a 7x7 map's 16 tiles cover 64 outputs for its 49. In one JVM alternating with the direct
     * sums (medians of the per-round ratios of 10-12 rounds, 64->64), training forward, input gradient: 7x7 at
     * batch 64 1.08 and 1.05 (forward+backward 1.06); 8x8 at batch 32 1.00 and 0.96; 14x14 at batch 16 0.86
     * and 0.75; 28x28 at batch 8 0.81 and 0.78.
     */
    private static final int LEAST_GROUPED_SIDE = 14;
    /** Fewer tiles read the transformed kernels (16/9 of the weights) for too few products (512->512 @7, batch 1). */
    private static final int LEAST_TILES = 32;
    /**
     * Panels of tiles a task runs against each lane panel of one element's kernels: their rows (at most
     * 16 x 12 x 512 floats, 384 KB) stay in L2 while the task's lane panels pass. XI such tasks at least.
     */
    private static final int CHUNK = 16;
    /**
     * The most floats of transformed kernels with which the passes run group by group (256 -> 256 channels': 4
     * MB, read once per group). Measured in one JVM alternating with the three passes (batch 8, medians of the
     * per-round ratios of 12 rounds, the same bits), inference: 128->128 @28 0.69, 256->256 @14 0.85, but
     * 512->512 @7 (16.8 MB of kernels) 1.17.
     */
    private static final long GROUPED_KERNELS = 1 << 20;
    /**
     * The floats of transformed patches and products a group's task fills (1 MB, this CPU's L2). In one JVM
     * alternating (batch 8, 12 rounds), against 128K floats: 64K 1.04, 0.99, 1.00; 256K 0.98, 0.95, 0.98; 512K
     * 0.97, 1.02, 1.02 (64->64 @56, 128->128 @28, 256->256 @14).
     */
    private static final int GROUP_FLOATS = 256 * 1024;

    private WinogradConvolution() {
    }

    /**
     * Whether a convolution (or its input gradient, the same conditions with the channels' roles swapped)
     * takes this path: float32 in the forward order (the reversed calibration build keeps the direct
     * sums), 16-lane vectors, 3x3, stride 1, padding 1, maps of at least 7x7 (on smaller ones the direct
     * sums skip the taps in the padding), at least {@link #LEAST_CHANNELS} channels in and out ({@link
     * #LEAST_GROUPED_CHANNELS} where the passes run group by group, on maps of at least {@link
     * #LEAST_GROUPED_SIDE}), in whole lane panels, and at least {@link #LEAST_TILES} tiles. Where the kernels are transformed on every call
     * (training), also at least half as many tiles as channels: 512->512 @7 at batch 8 (128 tiles)
     * transformed its kernels (16.8 MB) in 1.5-1.9 ms, as long as the direct sums took.
     */
    static boolean suits(Accumulation acc, ConvGeometry g, boolean packingKept) {
        long tiles = (long) g.n() * ((g.oh() + 1) / 2) * ((g.ow() + 1) / 2);
        return acc == Accumulation.FLOAT32 && Transpose16.suits() && g.kh() == 3 && g.kw() == 3 && g.sh() == 1
                && g.sw() == 1 && g.ph() == 1 && g.pw() == 1 && g.oh() >= 7 && g.ow() >= 7
                && Math.min(g.c(), g.oc()) >= (grouped(g.c(), g.oc()) ? LEAST_GROUPED_CHANNELS : LEAST_CHANNELS)
                && (Math.min(g.c(), g.oc()) >= LEAST_CHANNELS || Math.min(g.oh(), g.ow()) >= LEAST_GROUPED_SIDE)
                && g.c() % Tile.NR == 0 && g.oc() % Tile.NR == 0
                && tiles >= LEAST_TILES && (packingKept || 2 * tiles >= Math.max(g.c(), g.oc()));
    }

    /** This thread's scratch array for transformed kernels of {@code oc x c} channels. */
    static float[] scratch(int oc, int c) {
        return Scratch.floats(Scratch.PACKED, XI * Math.max(WeightPanels.panels(oc) * c, WeightPanels.panels(c) * oc)
                * Tile.NR);
    }

    /**
     * The transformed kernels {@code G g G^T}, packed as lane panels: element xi's panel j over depth d at
     * {@code ((xi * panels + j) * depth + d) * NR}. Forward: lanes are output channels, depth input
     * channels. {@code transposed} (the input gradient, a convolution of dY with the kernel turned by 180
     * degrees): lanes are input channels, depth output channels.
     */
    static float[] kernels(float[] w, int oc, int c, boolean transposed, float[] into) {
        int lanes = transposed ? c : oc;
        int depth = transposed ? oc : c;
        int panels = WeightPanels.panels(lanes);
        float[] u = into != null ? into : new float[XI * panels * depth * Tile.NR];
        // lane l, depth d: its 9 taps from w[l * laneStep + d * depthStep]
        int laneStep = transposed ? 9 : c * 9;
        int depthStep = transposed ? c * 9 : 9;
        // a task per lane panel, both halves of each depth's row: whole cache lines from one thread
        Parallel.forEach(panels, j -> {
            float[] taps = new float[9 * Transpose16.N];
            for (int d = 0; d < depth; d++) {
                for (int half = 0; half < Tile.NR; half += Transpose16.N) {
                    gatherTaps(w, (j * Tile.NR + half) * laneStep + d * depthStep, laneStep, taps);
                    transformKernels(taps, transposed, u, (j * depth + d) * Tile.NR + half, panels * depth * Tile.NR);
                }
            }
        });
        return u;
    }

    /** Where {@link Transpose16#columns} writes tap e of the 16 lanes: {@code taps[e * 16...]} (the 7 columns past the taps not at all). */
    private static final int[] TAP_COLUMNS = java.util.stream.IntStream.range(0, Transpose16.N)
            .map(e -> e < 9 ? e * Transpose16.N : -1).toArray();

    /**
     * The 9 taps of 16 lanes' kernels (lane i's from {@code w[at + i * laneStep]}), tap by tap: {@code
     * taps[e * 16 + i]}. Transposed in registers, 16 floats of each lane at a time; where the last lane's 16
     * would run past the weights, one float at a time.
     */
    private static void gatherTaps(float[] w, int at, int laneStep, float[] taps) {
        if (at + (Transpose16.N - 1) * laneStep + Transpose16.N <= w.length) {
            Transpose16.columns(w, at, laneStep, taps, TAP_COLUMNS);
            return;
        }
        for (int i = 0; i < Transpose16.N; i++) {
            for (int e = 0; e < 9; e++) {
                taps[e * Transpose16.N + i] = w[at + i * laneStep + e];
            }
        }
    }

    /**
     * {@code G g G^T} for 16 kernels at once ({@code taps[e * 16 + lane]}; turned by 180 degrees where
     * {@code turned}): element xi to {@code u[to + xi * step...]}. G's rows are (1, 0, 0), (1/2, 1/2, 1/2),
     * (1/2, -1/2, 1/2), (0, 0, 1).
     */
    private static void transformKernels(float[] taps, boolean turned, float[] u, int to, int step) {
        // G g, column by column: rows a = g0, b = (g0 + g1 + g2) / 2, c = (g0 - g1 + g2) / 2, d = g2 of each
        FloatVector a0 = tap(taps, turned, 0), g10 = tap(taps, turned, 3), d0 = tap(taps, turned, 6);
        FloatVector b0 = a0.add(g10).add(d0).mul(0.5f), c0 = a0.sub(g10).add(d0).mul(0.5f);
        FloatVector a1 = tap(taps, turned, 1), g11 = tap(taps, turned, 4), d1 = tap(taps, turned, 7);
        FloatVector b1 = a1.add(g11).add(d1).mul(0.5f), c1 = a1.sub(g11).add(d1).mul(0.5f);
        FloatVector a2 = tap(taps, turned, 2), g12 = tap(taps, turned, 5), d2 = tap(taps, turned, 8);
        FloatVector b2 = a2.add(g12).add(d2).mul(0.5f), c2 = a2.sub(g12).add(d2).mul(0.5f);
        // (G g) G^T, row by row
        kernelRow(a0, a1, a2, u, to, step);
        kernelRow(b0, b1, b2, u, to + 4 * step, step);
        kernelRow(c0, c1, c2, u, to + 8 * step, step);
        kernelRow(d0, d1, d2, u, to + 12 * step, step);
    }

    /** Tap e (row-major; of the kernel turned by 180 degrees where {@code turned}) of the 16 lanes' kernels. */
    private static FloatVector tap(float[] taps, boolean turned, int e) {
        return FloatVector.fromArray(F, taps, (turned ? 8 - e : e) * Transpose16.N);
    }

    /** One row of {@code R G^T}: {@code r0, (r0 + r1 + r2) / 2, (r0 - r1 + r2) / 2, r2}, step apart. */
    private static void kernelRow(FloatVector r0, FloatVector r1, FloatVector r2, float[] u, int to, int step) {
        r0.intoArray(u, to);
        r0.add(r1).add(r2).mul(0.5f).intoArray(u, to + step);
        r0.sub(r1).add(r2).mul(0.5f).intoArray(u, to + 2 * step);
        r2.intoArray(u, to + 3 * step);
    }

    /**
     * out (n, oh, ow, oc), channels-last, from the padded input (a border of at least 1 on top and left,
     * and enough below and right for whole tiles: {@link #border}) and the packed kernels.
     */
    static void run(PaddedNhwc in, int oh, int ow, float[] u, int oc, float[] out, ChannelRows rows) {
        if (grouped(in.c(), oc)) {
            runGrouped(in, oh, ow, u, oc, out, rows);
        } else {
            runPasses(in, oh, ow, u, oc, out, rows);
        }
    }

    /** {@link #run} as three passes over the whole batch. */
    static void runPasses(PaddedNhwc in, int oh, int ow, float[] u, int oc, float[] out, ChannelRows rows) {
        int c = in.c();
        int th = (oh + 1) / 2;
        int tw = (ow + 1) / 2;
        int tiles = in.n() * th * tw;
        float[] v = Scratch.floats(Scratch.WINOGRAD_PATCHES, XI * tiles * c);
        float[] m = Scratch.floats(Scratch.WINOGRAD_PRODUCTS, XI * tiles * oc);
        // the patches' transforms, a tile row per task
        Parallel.forEach(in.n() * th, row -> {
            int img = row / th;
            int ty = row % th;
            for (int tx = 0; tx < tw; tx++) {
                transformPatch(in, img, 2 * ty - 1, 2 * tx - 1, v, (row * tw + tx), tiles);
            }
        });
        int mPanels = Gemm.tiles(tiles, Tile.MR);
        int jPanels = WeightPanels.panels(oc);
        int chunks = Gemm.tiles(mPanels, CHUNK);
        int chunk = Gemm.tiles(mPanels, chunks); // chunks of equal size
        int[] blocks = Gemm.blocks(c, new int[0]);
        Parallel.forEach(XI * chunks, task -> {
            int xi = task / chunks;
            int p0 = task % chunks * chunk;
            int p1 = Math.min(mPanels, p0 + chunk);
            int[] o = new int[Tile.MR];
            int[] target = new int[Tile.MR];
            float[] sum = Scratch.floats(0, Tile.MR * Tile.NR);
            for (int j = 0; j < jPanels; j++) {
                for (int p = p0; p < p1; p++) {
                    multiplyPanel(v, u, xi, j, p, tiles, tiles, c, oc, blocks, o, target, sum, m);
                }
            }
        });
        Parallel.forEach(in.n() * th, row -> {
            int img = row / th;
            int ty = row % th;
            float[] y = Scratch.floats(1, 4 * oc); // slot 1 (PixelConvolution's copied rows) is free here
            for (int tx = 0; tx < tw; tx++) {
                writeTile(m, row * tw + tx, tiles, oc, img, ty, tx, oh, ow, out, rows, y);
            }
        });
    }

    /** Whether a convolution of c -> oc channels runs {@link #runGrouped}: its transformed kernels are small enough. */
    static boolean grouped(int c, int oc) {
        return (long) XI * c * oc <= GROUPED_KERNELS;
    }

    /**
     * {@link #runPasses}'s three passes, one group of tiles at a time: each task transforms its group's patches,
     * runs the 16 products and transforms them into the output, so its patches and products ({@link
     * #groupTiles} tiles, 16 x tiles x channels floats each) stay in L2 instead of going to memory and back.
     * The same float operations, so the same bits. Measured in one JVM alternating with the direct sums (64->64
     * @56, medians of the per-round ratios of 12 rounds): inference 0.71 at batch 8 and 0.77 at batch 1, input
     * gradient 0.66 and 0.74, training forward 0.72 and 0.78, a whole forward+backward 0.81 and 0.86; against the
     * three passes, 0.46 at batch 8 (9.2 against 4.3 ms).
     */
    static void runGrouped(PaddedNhwc in, int oh, int ow, float[] u, int oc, float[] out, ChannelRows rows) {
        int c = in.c();
        int th = (oh + 1) / 2;
        int tw = (ow + 1) / 2;
        int perImage = th * tw;
        int tiles = in.n() * perImage;
        int group = groupTiles(c, oc);
        int jPanels = WeightPanels.panels(oc);
        int[] blocks = Gemm.blocks(c, new int[0]);
        Parallel.forEach(Gemm.tiles(tiles, group), task -> {
            int t0 = task * group;
            int count = Math.min(group, tiles - t0);
            float[] v = Scratch.floats(Scratch.WINOGRAD_PATCHES, XI * group * c);
            float[] m = Scratch.floats(Scratch.WINOGRAD_PRODUCTS, XI * group * oc);
            for (int t = 0; t < count; t++) {
                int img = (t0 + t) / perImage;
                int ty = (t0 + t) % perImage / tw;
                int tx = (t0 + t) % tw;
                transformPatch(in, img, 2 * ty - 1, 2 * tx - 1, v, t, group);
            }
            int mPanels = Gemm.tiles(count, Tile.MR);
            int[] o = new int[Tile.MR];
            int[] target = new int[Tile.MR];
            float[] sum = Scratch.floats(0, Tile.MR * Tile.NR);
            for (int xi = 0; xi < XI; xi++) {
                for (int j = 0; j < jPanels; j++) {
                    for (int p = 0; p < mPanels; p++) {
                        multiplyPanel(v, u, xi, j, p, count, group, c, oc, blocks, o, target, sum, m);
                    }
                }
            }
            float[] y = Scratch.floats(1, 4 * oc);
            for (int t = 0; t < count; t++) {
                int img = (t0 + t) / perImage;
                int ty = (t0 + t) % perImage / tw;
                int tx = (t0 + t) % tw;
                writeTile(m, t, group, oc, img, ty, tx, oh, ow, out, rows, y);
            }
        });
    }

    /**
     * Element xi's products of pixel panel p (tiles p * MR on; past the first {@code count}, the last repeated and
     * its products written again, the same values) against lane panel j: the transformed patches at {@code v[(xi *
     * tiles + t) * c...]}, the products to {@code m[(xi * tiles + t) * oc + j * NR...]}, depth in the blocks {@code
     * blocks}, each summed from zero and added in float. {@code o}, {@code target} and {@code sum} are the task's
     * scratch.
     */
    private static void multiplyPanel(float[] v, float[] u, int xi, int j, int p, int count, int tiles, int c, int oc,
            int[] blocks, int[] o, int[] target, float[] sum, float[] m) {
        for (int r = 0; r < Tile.MR; r++) {
            int t = Math.min(count - 1, p * Tile.MR + r);
            o[r] = (xi * tiles + t) * c;
            target[r] = (xi * tiles + t) * oc;
        }
        int jPanels = WeightPanels.panels(oc);
        for (int i = 0; i + 1 < blocks.length; i++) {
            int k0 = blocks[i];
            int kc = blocks[i + 1] - k0;
            int bi = ((xi * jPanels + j) * c + k0) * Tile.NR;
            boolean last = i + 2 == blocks.length;
            Tile.block(v, o, k0, kc, u, bi, i == 0 ? null : sum, 0, last ? m : sum, last ? target : Tile.ROWS, 0,
                    last ? j * Tile.NR : 0);
        }
    }

    /**
     * Tile {@code at}'s products (of the {@code tiles} in {@code m}) transformed into its 2x2 outputs from (img, 2 ty,
     * 2 tx), each inside the oh x ow map written through {@code rows}; {@code y} is scratch for 4 x oc floats.
     */
    private static void writeTile(float[] m, int at, int tiles, int oc, int img, int ty, int tx, int oh, int ow,
            float[] out, ChannelRows rows, float[] y) {
        transformProducts(m, at, tiles, oc, y);
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                int oy = 2 * ty + dy;
                int ox = 2 * tx + dx;
                if (oy < oh && ox < ow) {
                    rows.write(y, (2 * dy + dx) * oc, out, ((img * oh + oy) * ow + ox) * oc, 0, oc);
                }
            }
        }
    }

    /** Tiles a group's task takes: whole panels whose patches and products fill at most {@link #GROUP_FLOATS}. */
    static int groupTiles(int c, int oc) {
        return Math.max(1, GROUP_FLOATS / (XI * Tile.MR * (c + oc))) * Tile.MR;
    }

    /** The border an h x w input needs: 1 on top and left, and below and right as far as whole tiles reach. */
    static int[] border(int h, int w, int oh, int ow) {
        return new int[] {1, Math.max(0, 2 * ((oh + 1) / 2) + 1 - h), 1, Math.max(0, 2 * ((ow + 1) / 2) + 1 - w)};
    }

    /** {@code B^T d B} of the 4x4 patch from (y0, x0), every channel, to {@code v[(xi * tiles + tile) * c...]}. */
    private static void transformPatch(PaddedNhwc in, int img, int y0, int x0, float[] v, int tile, int tiles) {
        float[] x = in.data();
        int c = in.c();
        int[] at = new int[XI];
        for (int r = 0; r < 4; r++) {
            for (int q = 0; q < 4; q++) {
                at[4 * r + q] = in.at(img, y0 + r, x0 + q);
            }
        }
        int stride = tiles * c;
        int to = tile * c;
        for (int ch = 0; ch < c; ch += F.length()) { // c is whole lane panels (suits)
            // B^T d, column by column (named vectors: in arrays the JIT kept them in memory)
            FloatVector d0 = FloatVector.fromArray(F, x, at[0] + ch), d1 = FloatVector.fromArray(F, x, at[4] + ch);
            FloatVector d2 = FloatVector.fromArray(F, x, at[8] + ch), d3 = FloatVector.fromArray(F, x, at[12] + ch);
            FloatVector s00 = d0.sub(d2), s10 = d1.add(d2), s20 = d2.sub(d1), s30 = d1.sub(d3);
            d0 = FloatVector.fromArray(F, x, at[1] + ch);
            d1 = FloatVector.fromArray(F, x, at[5] + ch);
            d2 = FloatVector.fromArray(F, x, at[9] + ch);
            d3 = FloatVector.fromArray(F, x, at[13] + ch);
            FloatVector s01 = d0.sub(d2), s11 = d1.add(d2), s21 = d2.sub(d1), s31 = d1.sub(d3);
            d0 = FloatVector.fromArray(F, x, at[2] + ch);
            d1 = FloatVector.fromArray(F, x, at[6] + ch);
            d2 = FloatVector.fromArray(F, x, at[10] + ch);
            d3 = FloatVector.fromArray(F, x, at[14] + ch);
            FloatVector s02 = d0.sub(d2), s12 = d1.add(d2), s22 = d2.sub(d1), s32 = d1.sub(d3);
            d0 = FloatVector.fromArray(F, x, at[3] + ch);
            d1 = FloatVector.fromArray(F, x, at[7] + ch);
            d2 = FloatVector.fromArray(F, x, at[11] + ch);
            d3 = FloatVector.fromArray(F, x, at[15] + ch);
            FloatVector s03 = d0.sub(d2), s13 = d1.add(d2), s23 = d2.sub(d1), s33 = d1.sub(d3);
            // (B^T d) B, row by row
            int o = to + ch;
            patchRow(s00, s01, s02, s03, v, o, stride);
            patchRow(s10, s11, s12, s13, v, o + 4 * stride, stride);
            patchRow(s20, s21, s22, s23, v, o + 8 * stride, stride);
            patchRow(s30, s31, s32, s33, v, o + 12 * stride, stride);
        }
    }

    /** One row of {@code X B}: {@code x0 - x2, x1 + x2, x2 - x1, x1 - x3}, stride apart from {@code at}. */
    private static void patchRow(FloatVector x0, FloatVector x1, FloatVector x2, FloatVector x3, float[] v, int at,
            int stride) {
        x0.sub(x2).intoArray(v, at);
        x1.add(x2).intoArray(v, at + stride);
        x2.sub(x1).intoArray(v, at + 2 * stride);
        x1.sub(x3).intoArray(v, at + 3 * stride);
    }

    /** {@code A^T M A} of one tile's 16 products, every output channel: the 2x2 outputs to {@code y[(2 dy + dx) * oc...]}. */
    private static void transformProducts(float[] m, int tile, int tiles, int oc, float[] y) {
        int stride = tiles * oc;
        int from = tile * oc;
        for (int k = 0; k < oc; k += F.length()) {
            // A^T M, column by column: s0 = m0 + m1 + m2, s1 = m1 - m2 - m3 (rows of the 4x4)
            int f = from + k;
            FloatVector s00 = column(m, f, 4 * stride, true), s10 = column(m, f, 4 * stride, false);
            FloatVector s01 = column(m, f + stride, 4 * stride, true), s11 = column(m, f + stride, 4 * stride, false);
            FloatVector s02 = column(m, f + 2 * stride, 4 * stride, true);
            FloatVector s12 = column(m, f + 2 * stride, 4 * stride, false);
            FloatVector s03 = column(m, f + 3 * stride, 4 * stride, true);
            FloatVector s13 = column(m, f + 3 * stride, 4 * stride, false);
            s00.add(s01).add(s02).intoArray(y, k);
            s01.sub(s02).sub(s03).intoArray(y, oc + k);
            s10.add(s11).add(s12).intoArray(y, 2 * oc + k);
            s11.sub(s12).sub(s13).intoArray(y, 3 * oc + k);
        }
    }

    /** Of the four values {@code step} apart from {@code at}: {@code m0 + m1 + m2} (first) or {@code m1 - m2 - m3}. */
    private static FloatVector column(float[] m, int at, int step, boolean first) {
        FloatVector m1 = FloatVector.fromArray(F, m, at + step);
        FloatVector m2 = FloatVector.fromArray(F, m, at + 2 * step);
        return first ? FloatVector.fromArray(F, m, at).add(m1).add(m2)
                : m1.sub(m2).sub(FloatVector.fromArray(F, m, at + 3 * step));
    }
}
