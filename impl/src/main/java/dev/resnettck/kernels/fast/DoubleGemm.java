package dev.resnettck.kernels.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = A * B^T} for A (m x depth) and B (n x depth), blocked and register-tiled, with double
 * accumulators: float32 products are exact in double, so every output is one sum rounded to float
 * once, near-correctly (deep networks amplify one-ulp differences, so this matters at 1e-5).
 *
 * <p>Layout as in GotoBLAS: depth in blocks of at most {@link #KC} (and never across a break the
 * caller names, such as a kernel tap), a panel of B (KC x NR) in L1 reused by every MR-row panel of
 * A. Output tiles (MC x NC) are independent tasks; each output element is summed over the same
 * blocks in the same order whatever the tiling or thread count, so results are bit-identical.
 * Blocks an operand reports as all-zero (a tap in padding) are skipped.
 */
final class DoubleGemm {
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final int L = D.length();
    static final int MR = 6;
    static final int NR = 2 * L;
    static final int KC = 256;
    static final int MC_MAX = 16 * MR;
    static final int NC_MAX = 32 * NR;

    private DoubleGemm() {
    }

    /** Which (A panel, B panel) products can be non-zero at all (a tap and a position that never meet). */
    @FunctionalInterface
    interface PairFilter {
        boolean live(int m0, int mCount, int n0, int nCount);
    }

    static void multiply(Accumulation acc, int m, int n, int depth, Operand a, Operand b, int[] breaks, TileSink sink) {
        multiply(acc, m, n, depth, a, b, breaks, null, sink);
    }

    /**
     * @param breaks depths at which a block must start (ascending; may be empty)
     * @param filter null, or which panel pairs to compute (the others are left zero)
     */
    static void multiply(Accumulation acc, int m, int n, int depth, Operand a, Operand b, int[] breaks,
                         PairFilter filter, TileSink sink) {
        int[] blocks = blocks(depth, breaks);
        int mc = MC_MAX;
        int nc = NC_MAX;
        int want = 2 * Parallel.threads();
        while (tiles(m, mc) * tiles(n, nc) < want && nc > 2 * NR) {
            nc = Math.max(2 * NR, roundUp(nc / 2, NR));
        }
        while (tiles(m, mc) * tiles(n, nc) < want && mc > 2 * MR) {
            mc = Math.max(2 * MR, roundUp(mc / 2, MR));
        }
        int mTiles = tiles(m, mc);
        int nTiles = tiles(n, nc);
        int fmc = mc;
        int fnc = nc;
        Packed packedA = nTiles > 1 && (long) roundUp(m, MR) * depth <= SHARED_A_LIMIT ? Packed.of(a, m, depth, blocks) : null;
        Parallel.forEach(mTiles * nTiles, t -> {
            int m0 = (t / nTiles) * fmc;
            int n0 = (t % nTiles) * fnc;
            tile(acc, m0, Math.min(fmc, m - m0), n0, Math.min(fnc, n - n0), a, packedA, b, blocks, filter, sink);
        });
    }

    /** A packed once for every tile to share: panel i of block j at {@code offsets[j] + i * MR * kc}. */
    private record Packed(double[] data, int[] offsets, boolean[] live, int panels) {
        static Packed of(Operand a, int m, int depth, int[] blocks) {
            int panels = tiles(m, MR);
            int[] offsets = new int[blocks.length];
            for (int j = 0; j + 1 < blocks.length; j++) {
                offsets[j + 1] = offsets[j] + panels * MR * (blocks[j + 1] - blocks[j]);
            }
            double[] data = new double[offsets[blocks.length - 1]];
            boolean[] live = new boolean[panels * (blocks.length - 1)];
            Parallel.forEach(blocks.length - 1, j -> {
                int k0 = blocks[j];
                int kc = blocks[j + 1] - k0;
                for (int i = 0; i < panels; i++) {
                    int count = Math.min(MR, m - i * MR);
                    live[j * panels + i] = a.mayBeNonZero(i * MR, count, k0, kc);
                    if (live[j * panels + i]) {
                        a.pack(i * MR, count, MR, k0, kc, data, offsets[j] + i * MR * kc);
                    }
                }
            });
            return new Packed(data, offsets, live, panels);
        }
    }

    /** Share a packed A up to this many doubles (64 MB). */
    private static final long SHARED_A_LIMIT = 8L << 20;

    private static void tile(Accumulation acc, int m0, int mCount, int n0, int nCount, Operand a, Packed packedA, Operand b,
                             int[] blocks, PairFilter filter, TileSink sink) {
        int mPanels = tiles(mCount, MR);
        int nPanels = tiles(nCount, NR);
        int ldc = nPanels * NR;
        double[] c = Scratch.doubles(0, mPanels * MR * ldc);
        java.util.Arrays.fill(c, 0, mPanels * MR * ldc, 0.0);
        double[] ap = Scratch.doubles(1, mPanels * MR * KC);
        double[] bp = Scratch.doubles(2, nPanels * NR * KC);
        boolean[] aLive = new boolean[mPanels];
        boolean[] bLive = new boolean[nPanels];
        boolean[] pairLive = new boolean[mPanels * nPanels];
        for (int i = 0; i < mPanels; i++) {
            for (int j = 0; j < nPanels; j++) {
                int r0 = m0 + i * MR;
                int c0 = n0 + j * NR;
                pairLive[i * nPanels + j] = filter == null
                        || filter.live(r0, Math.min(MR, m0 + mCount - r0), c0, Math.min(NR, n0 + nCount - c0));
            }
        }
        boolean reversed = acc == Accumulation.FLOAT32_REVERSED;
        for (int step = 0; step + 1 < blocks.length; step++) {
            int blk = reversed ? blocks.length - 2 - step : step;
            int k0 = blocks[blk];
            int kc = blocks[blk + 1] - k0;
            boolean anyB = false;
            for (int j = 0; j < nPanels; j++) {
                int r0 = n0 + j * NR;
                int count = Math.min(NR, n0 + nCount - r0);
                bLive[j] = b.mayBeNonZero(r0, count, k0, kc);
                if (bLive[j]) {
                    b.pack(r0, count, NR, k0, kc, bp, j * NR * kc);
                    anyB = true;
                }
            }
            if (!anyB) {
                continue;
            }
            double[] aData = ap;
            int aBase = 0;
            if (packedA != null) {
                aData = packedA.data();
                int firstPanel = m0 / MR;
                aBase = packedA.offsets()[blk] + firstPanel * MR * kc;
                for (int i = 0; i < mPanels; i++) {
                    aLive[i] = packedA.live()[blk * packedA.panels() + firstPanel + i];
                }
            } else {
                for (int i = 0; i < mPanels; i++) {
                    int r0 = m0 + i * MR;
                    int count = Math.min(MR, m0 + mCount - r0);
                    aLive[i] = a.mayBeNonZero(r0, count, k0, kc);
                    if (aLive[i]) {
                        a.pack(r0, count, MR, k0, kc, ap, i * MR * kc);
                    }
                }
            }
            for (int j = 0; j < nPanels; j++) {
                if (!bLive[j]) {
                    continue;
                }
                for (int i = 0; i < mPanels; i++) {
                    if (aLive[i] && pairLive[i * nPanels + j]) {
                        if (acc == Accumulation.FLOAT64) {
                            kernel(kc, aData, aBase + i * MR * kc, bp, j * NR * kc, c, i * MR * ldc + j * NR, ldc);
                        } else {
                            Float32Kernel.run(kc, reversed, aData, aBase + i * MR * kc, bp, j * NR * kc, c,
                                    i * MR * ldc + j * NR, ldc);
                        }
                    }
                }
            }
        }
        sink.accept(m0, mCount, n0, nCount, c, ldc);
    }

    /** The 6 x 2L register tile: 12 vector accumulators, two B vectors and one broadcast per step. */
    private static void kernel(int kc, double[] a, int ai, double[] b, int bi, double[] c, int ci, int ldc) {
        DoubleVector c00 = DoubleVector.fromArray(D, c, ci);
        DoubleVector c01 = DoubleVector.fromArray(D, c, ci + L);
        DoubleVector c10 = DoubleVector.fromArray(D, c, ci + ldc);
        DoubleVector c11 = DoubleVector.fromArray(D, c, ci + ldc + L);
        DoubleVector c20 = DoubleVector.fromArray(D, c, ci + 2 * ldc);
        DoubleVector c21 = DoubleVector.fromArray(D, c, ci + 2 * ldc + L);
        DoubleVector c30 = DoubleVector.fromArray(D, c, ci + 3 * ldc);
        DoubleVector c31 = DoubleVector.fromArray(D, c, ci + 3 * ldc + L);
        DoubleVector c40 = DoubleVector.fromArray(D, c, ci + 4 * ldc);
        DoubleVector c41 = DoubleVector.fromArray(D, c, ci + 4 * ldc + L);
        DoubleVector c50 = DoubleVector.fromArray(D, c, ci + 5 * ldc);
        DoubleVector c51 = DoubleVector.fromArray(D, c, ci + 5 * ldc + L);
        for (int k = 0; k < kc; k++) {
            DoubleVector b0 = DoubleVector.fromArray(D, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(D, b, bi + L);
            DoubleVector x = DoubleVector.broadcast(D, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = DoubleVector.broadcast(D, a[ai + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = DoubleVector.broadcast(D, a[ai + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = DoubleVector.broadcast(D, a[ai + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = DoubleVector.broadcast(D, a[ai + 4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            x = DoubleVector.broadcast(D, a[ai + 5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
            ai += MR;
            bi += NR;
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc);
        c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc);
        c41.intoArray(c, ci + 4 * ldc + L);
        c50.intoArray(c, ci + 5 * ldc);
        c51.intoArray(c, ci + 5 * ldc + L);
    }

    /** Block boundaries: every break, then every KC in between. */
    static int[] blocks(int depth, int[] breaks) {
        int[] out = new int[depth / KC + breaks.length + 3];
        int count = 0;
        out[count++] = 0;
        int next = 0;
        int k = 0;
        while (k < depth) {
            while (next < breaks.length && breaks[next] <= k) {
                next++;
            }
            int end = Math.min(depth, k + KC);
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
