package dev.resnettck.kernels.fast;

import dev.resnettck.nn.GradMode;
import java.util.Arrays;

/**
 * {@code C = A * B^T} for A (m x depth) and B (n x depth), blocked and register-tiled, on one of two
 * register tiles: {@link DoubleKernel} (double accumulators, each output rounded to float once) or
 * {@link FloatKernel} (float32 accumulation, in depth blocks summed in float, forward or reversed).
 *
 * <p>Layout as in GotoBLAS: depth in blocks of at most {@link #KC} (and never across a break the
 * caller names, such as a kernel tap), a panel of B (KC x NR) in L1 reused by every MR-row panel of
 * A. Panels are packed as floats (the double tile widens them once per block). Output tiles (MC x
 * NC) are independent tasks; each output element is summed over the same blocks in the same order
 * whatever the tiling or thread count, so results are bit-identical. Blocks an operand reports as
 * all-zero (a tap in padding) are skipped.
 */
final class Gemm {
    static final int KC = 128;
    /**
     * An output tile is at most about MC_ROWS rows by NC x NR columns (258 x 256 on AVX-512): tall tiles,
     * so a B block (NR x KC per panel, NC panels: 128 KB) is packed for few row tiles and stays in
     * L2 while every A panel of the tile passes it. Measured on 2 AVX-512 cores against 16 x 32:
     * 1024^3 GEMM 79 -> 108 GFLOP/s, 64->64 3x3 at 56x56 batch 8 25 -> 16 ms, the gate step 342 -> 313 ms.
     * Tiling never changes a result: every element is summed over the same blocks in the same order.
     */
    private static final int MC_ROWS = 258;
    private static final int NC = 8;

    private Gemm() {
    }

    /** The panel height (rows of A) of the register tile that {@code acc} runs on. */
    static int mr(Accumulation acc) {
        return acc == Accumulation.FLOAT64 ? DoubleKernel.MR : FloatKernel.MR;
    }

    /** The panel width of the register tile that {@code acc} runs on. */
    static int nr(Accumulation acc) {
        return acc == Accumulation.FLOAT64 ? DoubleKernel.NR : FloatKernel.NR;
    }

    /** @param breaks depths at which a block must start (ascending; may be empty) */
    static void multiply(Accumulation acc, int m, int n, int depth, Operand a, Operand b, int[] breaks, TileSink sink) {
        multiply(acc, m, n, depth, a, b, breaks, KC, sink);
    }

    /** With blocks up to {@code longest} deep between breaks (at least KC: a forward pass's kernel rows). */
    static void multiply(Accumulation acc, int m, int n, int depth, Operand a, Operand b, int[] breaks, int longest,
            TileSink sink) {
        int nr = nr(acc);
        int mr = mr(acc);
        int[] blocks = blocks(depth, breaks, longest);
        // as few row tiles as MC_ROWS allows, of equal height: 256 rows make one tile, not 252 + 4
        int mc = roundUp(tiles(m, tiles(m, MC_ROWS)), mr);
        int nc = NC * nr;
        int want = 2 * Parallel.threads();
        while (tiles(m, mc) * tiles(n, nc) < want && nc > 2 * nr) {
            nc = Math.max(2 * nr, roundUp(nc / 2, nr));
        }
        while (tiles(m, mc) * tiles(n, nc) < want && mc > 2 * mr) {
            mc = Math.max(2 * mr, roundUp(mc / 2, mr));
        }
        int mTiles = tiles(m, mc);
        int nTiles = tiles(n, nc);
        int fmc = mc;
        int fnc = nc;
        Packed packedA = sharedA(a, m, mr, depth, blocks, nTiles);
        Parallel.forEach(mTiles * nTiles, t -> {
            int m0 = (t / nTiles) * fmc;
            int n0 = (t % nTiles) * fnc;
            tile(acc, mr, nr, m0, Math.min(fmc, m - m0), n0, Math.min(fnc, n - n0), a, packedA, b, blocks, sink);
        });
    }

    /**
     * A packed once for every tile to share, or null (each tile packs its own rows). In inference the
     * weights are packed once while they stay the same ({@link PackedCache}).
     */
    private static Packed sharedA(Operand a, int m, int mr, int depth, int[] blocks, int nTiles) {
        if ((long) roundUp(m, mr) * depth > SHARED_A_LIMIT) {
            return null;
        }
        if (a.contents() != null && !GradMode.isEnabled()) {
            return PackedCache.get(a.contents(), java.util.List.of(a.layout(), m, mr, depth, Arrays.toString(blocks)),
                    () -> Packed.of(a, m, mr, depth, blocks));
        }
        return nTiles > 1 ? Packed.of(a, m, mr, depth, blocks) : null;
    }

    /** A packed once for every tile to share: panel i of block j at {@code offsets[j] + i * mr * kc}. */
    record Packed(float[] data, int[] offsets, boolean[] live, int panels) {
        static Packed of(Operand a, int m, int mr, int depth, int[] blocks) {
            int panels = tiles(m, mr);
            int[] offsets = new int[blocks.length];
            for (int j = 0; j + 1 < blocks.length; j++) {
                offsets[j + 1] = offsets[j] + panels * mr * (blocks[j + 1] - blocks[j]);
            }
            float[] data = new float[offsets[blocks.length - 1]];
            boolean[] live = new boolean[panels * (blocks.length - 1)];
            Parallel.forEach(blocks.length - 1, j -> packPanels(a, 0, m, mr, blocks[j], blocks[j + 1] - blocks[j], data,
                    offsets[j], live, j * panels));
            return new Packed(data, offsets, live, panels);
        }
    }

    /** Share a packed A up to this many floats (32 MB). */
    private static final long SHARED_A_LIMIT = 8L << 20;

    private static void tile(Accumulation acc, int mr, int nr, int m0, int mCount, int n0, int nCount, Operand a, Packed packedA,
                             Operand b, int[] blocks, TileSink sink) {
        boolean inDouble = acc == Accumulation.FLOAT64;
        boolean reversed = acc == Accumulation.FLOAT32_REVERSED;
        int mPanels = tiles(mCount, mr);
        int nPanels = tiles(nCount, nr);
        int ldc = nPanels * nr;
        int cSize = mPanels * mr * ldc;
        double[] dc = Scratch.doubles(0, cSize);
        float[] fc = inDouble ? null : Scratch.floats(0, cSize);
        if (inDouble) {
            java.util.Arrays.fill(dc, 0, cSize, 0.0);
        } else {
            java.util.Arrays.fill(fc, 0, cSize, 0f);
        }
        int kcMax = 0;
        for (int j = 0; j + 1 < blocks.length; j++) {
            kcMax = Math.max(kcMax, blocks[j + 1] - blocks[j]);
        }
        float[] ap = Scratch.floats(1, mPanels * mr * kcMax);
        float[] bp = Scratch.floats(2, nPanels * nr * kcMax);
        double[] apWide = inDouble ? Scratch.doubles(1, mPanels * mr * kcMax) : null;
        double[] bpWide = inDouble ? Scratch.doubles(2, nPanels * nr * kcMax) : null;
        boolean[] aLive = new boolean[mPanels];
        boolean[] bLive = new boolean[nPanels];
        float[][] bData = inDouble ? null : new float[nPanels][];
        int[] bOffset = inDouble ? null : new int[nPanels];
        int[] bStep = inDouble ? null : new int[nPanels];
        for (int step = 0; step + 1 < blocks.length; step++) {
            int blk = reversed ? blocks.length - 2 - step : step;
            int k0 = blocks[blk];
            int kc = blocks[blk + 1] - k0;
            boolean anyB = inDouble ? packPanels(b, n0, nCount, nr, k0, kc, bp, 0, bLive, 0)
                    : placePanels(b, n0, nCount, nr, k0, kc, bp, bLive, bData, bOffset, bStep);
            if (!anyB) {
                continue;
            }
            float[] aData = ap;
            int aBase = 0;
            if (packedA != null) {
                aData = packedA.data();
                int firstPanel = m0 / mr;
                aBase = packedA.offsets()[blk] + firstPanel * mr * kc;
                for (int i = 0; i < mPanels; i++) {
                    aLive[i] = packedA.live()[blk * packedA.panels() + firstPanel + i];
                }
            } else {
                packPanels(a, m0, mCount, mr, k0, kc, ap, 0, aLive, 0);
            }
            if (inDouble) {
                widenLive(aData, aBase, apWide, mr * kc, aLive, mPanels);
                widenLive(bp, 0, bpWide, nr * kc, bLive, nPanels);
            }
            for (int j = 0; j < nPanels; j++) {
                if (!bLive[j]) {
                    continue;
                }
                for (int i = 0; i < mPanels; i++) {
                    if (aLive[i]) {
                        int ci = i * mr * ldc + j * nr;
                        if (inDouble) {
                            DoubleKernel.run(kc, apWide, i * mr * kc, bpWide, j * nr * kc, dc, ci, ldc);
                        } else {
                            int rows = Math.min(mr, mCount - i * mr);
                            FloatKernel.run(rows, kc, reversed, aData, aBase + i * mr * kc, bData[j], bOffset[j], bStep[j], fc,
                                    ci, ldc);
                        }
                    }
                }
            }
        }
        if (!inDouble) {
            for (int i = 0; i < cSize; i++) {
                dc[i] = fc[i];
            }
        }
        sink.accept(m0, mCount, n0, nCount, dc, ldc);
    }

    /**
     * Packs the panels of rows [start, start + total), {@code width} rows each, for depths
     * [k0, k0 + kc) at {@code dst[at + i * width * kc]}, skipping those the operand reports all-zero;
     * {@code live[liveAt + i]} says which were packed. Returns whether any was.
     */
    private static boolean packPanels(Operand op, int start, int total, int width, int k0, int kc, float[] dst, int at,
                                      boolean[] live, int liveAt) {
        boolean any = false;
        for (int i = 0; i * width < total; i++) {
            int r0 = start + i * width;
            int count = Math.min(width, start + total - r0);
            live[liveAt + i] = op.mayBeNonZero(r0, count, k0, kc);
            if (live[liveAt + i]) {
                op.pack(r0, count, width, k0, kc, dst, at + i * width * kc);
                any = true;
            }
        }
        return any;
    }

    /**
     * For the float32 tile: each panel of B read where it lies when the operand allows it (a whole
     * panel only), packed into {@code bp} otherwise; where panel i is and its depth step go to
     * {@code data[i]}, {@code offset[i]} and {@code step[i]}. Returns whether any panel is live.
     */
    private static boolean placePanels(Operand op, int start, int total, int width, int k0, int kc, float[] bp,
                                       boolean[] live, float[][] data, int[] offset, int[] step) {
        boolean any = false;
        for (int i = 0; i * width < total; i++) {
            int r0 = start + i * width;
            int count = Math.min(width, start + total - r0);
            int at = count == width ? op.offsetInSource(r0, width, k0, kc) : -1;
            if (at >= 0) {
                live[i] = true;
                data[i] = op.source();
                offset[i] = at;
                step[i] = op.sourceStep();
            } else {
                live[i] = op.mayBeNonZero(r0, count, k0, kc);
                if (live[i]) {
                    op.pack(r0, count, width, k0, kc, bp, i * width * kc);
                }
                data[i] = bp;
                offset[i] = i * width * kc;
                step[i] = width;
            }
            any |= live[i];
        }
        return any;
    }

    /** The live panels ({@code size} floats each, from {@code from}) widened to doubles (exact), at {@code i * size}. */
    private static void widenLive(float[] src, int from, double[] dst, int size, boolean[] live, int panels) {
        for (int p = 0; p < panels; p++) {
            if (live[p]) {
                for (int i = p * size; i < (p + 1) * size; i++) {
                    dst[i] = src[from + i];
                }
            }
        }
    }

    /** Block boundaries: every break, then every KC in between. */
    static int[] blocks(int depth, int[] breaks) {
        return blocks(depth, breaks, KC);
    }

    /** Block boundaries: every break, then every {@code longest} in between. */
    static int[] blocks(int depth, int[] breaks, int longest) {
        int[] out = new int[depth / longest + breaks.length + 3];
        int count = 0;
        out[count++] = 0;
        int next = 0;
        int k = 0;
        while (k < depth) {
            while (next < breaks.length && breaks[next] <= k) {
                next++;
            }
            int end = Math.min(depth, k + longest);
            if (next < breaks.length && breaks[next] < end) {
                end = breaks[next];
            }
            if (count == out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            out[count++] = end;
            k = end;
        }
        return java.util.Arrays.copyOf(out, count);
    }

    static int tiles(int size, int tile) {
        return (size + tile - 1) / tile;
    }

    static int roundUp(int v, int multiple) {
        return (v + multiple - 1) / multiple * multiple;
    }
}
