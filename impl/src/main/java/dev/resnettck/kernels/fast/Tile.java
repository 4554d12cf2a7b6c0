package dev.resnettck.kernels.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The channels-last kernels' register tile: {@link #MR} rows by {@link #NR} lanes (24 {@code
 * FloatVector} accumulators on AVX-512's 32 registers). Row r is a broadcast operand read where it
 * lies, {@code a[o[r] + p + k * step]}; the lanes are a packed panel, {@code b[bi + k * NR + lane]}.
 * So a convolution's rows can be output pixels read in place from a padded channels-last input
 * ({@code o[r]} a pixel's place, {@code p} one tap's channels, step 1), or a weight gradient's
 * output channels read in place from the output gradient (one pixel's channels after another, step
 * = channels), with no gathering. (A lane step known only at run time cost a quarter of the speed, so
 * the lanes are always a packed panel.) Three forms of the 12-row loop, by how the rows lie: {@link
 * #block} (step 1), {@link #blockAdjacent} (adjacent rows, any step) and {@link #blockStrided} (any
 * rows, any step). On the AMD EPYC they ran alike; on an Intel Xeon, whose FMA ports also execute
 * integer work, each bounds check and index sum left in the loop cost FMA slots.
 * The same products in the same order in all three: the same bits.
 *
 * <p>A block is summed from zero with fused multiply-adds, k ascending, then added in float to the
 * running sum {@code c[ci + r * NR + lane]} (0 for a first block): the float32 order of {@link
 * FloatKernel}, whose products are these with the operands' roles swapped (a fused multiply-add does
 * not care which factor is which). The result goes back to the running sum or, for a tile's last
 * block, to wherever each row belongs (a convolution's output pixels). One loop per call: with a
 * second loop around it (segments of a block), the JIT kept the accumulators in memory and the tile
 * ran at half speed.
 */
final class Tile {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    static final int NR = 2 * L;
    static final int MR = 12;
    /** Where each row of a scratch tile starts: {@code r * NR}. */
    static final int[] ROWS = java.util.stream.IntStream.range(0, MR).map(r -> r * NR).toArray();

    private Tile() {
    }

    /** Adds the block of {@code length} products, summed from zero in order, to {@code c}. */
    static void block(float[] a, int[] o, int p, int length, float[] b, int bi, float[] c, int ci) {
        block(a, o, p, length, b, bi, c, ci, c, ROWS, 0, ci);
    }

    /**
     * Sums the block of {@code length} products from zero in order, adds each row's sum in float to its
     * running sum {@code sum[si + r * NR + lane]} (to 0 when {@code sum} is null: the first block, so
     * the scratch tile need not be zeroed first), and stores the result at {@code dst[rowAt[at + r] +
     * lane0 + lane]}: back into the scratch tile, or, for a tile's last block, straight into the output
     * rows (the round trip through the scratch tile and a copy per row cost as much as the arithmetic
     * of a 64-channel 1x1 convolution). Row r's operands are {@code a[o[r] + p + k]}, k = 0, 1, ...: a
     * pixel's channels where they lie. The loop counts k itself and each row's start is fixed before it,
     * so the JIT drops the bounds checks from the loop. With {@code p} stepped by a run-time step it
     * checked each of the 12 reads, and on an Intel Xeon, whose FMA ports also take that integer work,
     * the tile read 137-146 GFLOP/s against 155-170 this way ({@code TileTimes}: one thread, in cache).
     */
    static void block(float[] a, int[] o, int p, int length, float[] b, int bi, float[] sum, int si,
            float[] dst, int[] rowAt, int at, int lane0) {
        int o0 = o[0] + p, o1 = o[1] + p, o2 = o[2] + p, o3 = o[3] + p, o4 = o[4] + p, o5 = o[5] + p;
        int o6 = o[6] + p, o7 = o[7] + p, o8 = o[8] + p, o9 = o[9] + p, o10 = o[10] + p, o11 = o[11] + p;
        FloatVector c000 = FloatVector.zero(F);
        FloatVector c001 = FloatVector.zero(F);
        FloatVector c010 = FloatVector.zero(F);
        FloatVector c011 = FloatVector.zero(F);
        FloatVector c020 = FloatVector.zero(F);
        FloatVector c021 = FloatVector.zero(F);
        FloatVector c030 = FloatVector.zero(F);
        FloatVector c031 = FloatVector.zero(F);
        FloatVector c040 = FloatVector.zero(F);
        FloatVector c041 = FloatVector.zero(F);
        FloatVector c050 = FloatVector.zero(F);
        FloatVector c051 = FloatVector.zero(F);
        FloatVector c060 = FloatVector.zero(F);
        FloatVector c061 = FloatVector.zero(F);
        FloatVector c070 = FloatVector.zero(F);
        FloatVector c071 = FloatVector.zero(F);
        FloatVector c080 = FloatVector.zero(F);
        FloatVector c081 = FloatVector.zero(F);
        FloatVector c090 = FloatVector.zero(F);
        FloatVector c091 = FloatVector.zero(F);
        FloatVector c100 = FloatVector.zero(F);
        FloatVector c101 = FloatVector.zero(F);
        FloatVector c110 = FloatVector.zero(F);
        FloatVector c111 = FloatVector.zero(F);
        int q = bi;
        for (int k = 0; k < length; k++) {
            FloatVector b0 = FloatVector.fromArray(F, b, q);
            FloatVector b1 = FloatVector.fromArray(F, b, q + L);
            FloatVector x = FloatVector.broadcast(F, a[o0 + k]);
            c000 = b0.fma(x, c000);
            c001 = b1.fma(x, c001);
            x = FloatVector.broadcast(F, a[o1 + k]);
            c010 = b0.fma(x, c010);
            c011 = b1.fma(x, c011);
            x = FloatVector.broadcast(F, a[o2 + k]);
            c020 = b0.fma(x, c020);
            c021 = b1.fma(x, c021);
            x = FloatVector.broadcast(F, a[o3 + k]);
            c030 = b0.fma(x, c030);
            c031 = b1.fma(x, c031);
            x = FloatVector.broadcast(F, a[o4 + k]);
            c040 = b0.fma(x, c040);
            c041 = b1.fma(x, c041);
            x = FloatVector.broadcast(F, a[o5 + k]);
            c050 = b0.fma(x, c050);
            c051 = b1.fma(x, c051);
            x = FloatVector.broadcast(F, a[o6 + k]);
            c060 = b0.fma(x, c060);
            c061 = b1.fma(x, c061);
            x = FloatVector.broadcast(F, a[o7 + k]);
            c070 = b0.fma(x, c070);
            c071 = b1.fma(x, c071);
            x = FloatVector.broadcast(F, a[o8 + k]);
            c080 = b0.fma(x, c080);
            c081 = b1.fma(x, c081);
            x = FloatVector.broadcast(F, a[o9 + k]);
            c090 = b0.fma(x, c090);
            c091 = b1.fma(x, c091);
            x = FloatVector.broadcast(F, a[o10 + k]);
            c100 = b0.fma(x, c100);
            c101 = b1.fma(x, c101);
            x = FloatVector.broadcast(F, a[o11 + k]);
            c110 = b0.fma(x, c110);
            c111 = b1.fma(x, c111);
            q += NR;
        }
        // each row: dst = (sum or 0) + the block, in float; written out here, not in a helper (the JIT did
        // not inline one called once per block, and boxed every accumulator: ten times slower)
        int d0 = rowAt[at] + lane0;
        int d1 = rowAt[at + 1] + lane0;
        int d2 = rowAt[at + 2] + lane0;
        int d3 = rowAt[at + 3] + lane0;
        int d4 = rowAt[at + 4] + lane0;
        int d5 = rowAt[at + 5] + lane0;
        int d6 = rowAt[at + 6] + lane0;
        int d7 = rowAt[at + 7] + lane0;
        int d8 = rowAt[at + 8] + lane0;
        int d9 = rowAt[at + 9] + lane0;
        int d10 = rowAt[at + 10] + lane0;
        int d11 = rowAt[at + 11] + lane0;
        if (sum == null) {
            FloatVector z = FloatVector.zero(F);
            z.add(c000).intoArray(dst, d0);
            z.add(c001).intoArray(dst, d0 + L);
            z.add(c010).intoArray(dst, d1);
            z.add(c011).intoArray(dst, d1 + L);
            z.add(c020).intoArray(dst, d2);
            z.add(c021).intoArray(dst, d2 + L);
            z.add(c030).intoArray(dst, d3);
            z.add(c031).intoArray(dst, d3 + L);
            z.add(c040).intoArray(dst, d4);
            z.add(c041).intoArray(dst, d4 + L);
            z.add(c050).intoArray(dst, d5);
            z.add(c051).intoArray(dst, d5 + L);
            z.add(c060).intoArray(dst, d6);
            z.add(c061).intoArray(dst, d6 + L);
            z.add(c070).intoArray(dst, d7);
            z.add(c071).intoArray(dst, d7 + L);
            z.add(c080).intoArray(dst, d8);
            z.add(c081).intoArray(dst, d8 + L);
            z.add(c090).intoArray(dst, d9);
            z.add(c091).intoArray(dst, d9 + L);
            z.add(c100).intoArray(dst, d10);
            z.add(c101).intoArray(dst, d10 + L);
            z.add(c110).intoArray(dst, d11);
            z.add(c111).intoArray(dst, d11 + L);
        } else {
            FloatVector.fromArray(F, sum, si).add(c000).intoArray(dst, d0);
            FloatVector.fromArray(F, sum, si + L).add(c001).intoArray(dst, d0 + L);
            FloatVector.fromArray(F, sum, si + NR).add(c010).intoArray(dst, d1);
            FloatVector.fromArray(F, sum, si + NR + L).add(c011).intoArray(dst, d1 + L);
            FloatVector.fromArray(F, sum, si + 2 * NR).add(c020).intoArray(dst, d2);
            FloatVector.fromArray(F, sum, si + 2 * NR + L).add(c021).intoArray(dst, d2 + L);
            FloatVector.fromArray(F, sum, si + 3 * NR).add(c030).intoArray(dst, d3);
            FloatVector.fromArray(F, sum, si + 3 * NR + L).add(c031).intoArray(dst, d3 + L);
            FloatVector.fromArray(F, sum, si + 4 * NR).add(c040).intoArray(dst, d4);
            FloatVector.fromArray(F, sum, si + 4 * NR + L).add(c041).intoArray(dst, d4 + L);
            FloatVector.fromArray(F, sum, si + 5 * NR).add(c050).intoArray(dst, d5);
            FloatVector.fromArray(F, sum, si + 5 * NR + L).add(c051).intoArray(dst, d5 + L);
            FloatVector.fromArray(F, sum, si + 6 * NR).add(c060).intoArray(dst, d6);
            FloatVector.fromArray(F, sum, si + 6 * NR + L).add(c061).intoArray(dst, d6 + L);
            FloatVector.fromArray(F, sum, si + 7 * NR).add(c070).intoArray(dst, d7);
            FloatVector.fromArray(F, sum, si + 7 * NR + L).add(c071).intoArray(dst, d7 + L);
            FloatVector.fromArray(F, sum, si + 8 * NR).add(c080).intoArray(dst, d8);
            FloatVector.fromArray(F, sum, si + 8 * NR + L).add(c081).intoArray(dst, d8 + L);
            FloatVector.fromArray(F, sum, si + 9 * NR).add(c090).intoArray(dst, d9);
            FloatVector.fromArray(F, sum, si + 9 * NR + L).add(c091).intoArray(dst, d9 + L);
            FloatVector.fromArray(F, sum, si + 10 * NR).add(c100).intoArray(dst, d10);
            FloatVector.fromArray(F, sum, si + 10 * NR + L).add(c101).intoArray(dst, d10 + L);
            FloatVector.fromArray(F, sum, si + 11 * NR).add(c110).intoArray(dst, d11);
            FloatVector.fromArray(F, sum, si + 11 * NR + L).add(c111).intoArray(dst, d11 + L);
        }
    }

    /**
     * {@link #block} for 12 adjacent rows, {@code step} apart along k: row r's operands are {@code a[p + r
     * + k * step]} (a weight gradient's 12 output channels of one pixel, then the next pixel's). Each
     * read is one address plus a constant, so the loop holds no index arithmetic and no bounds check per
     * row: on the Intel Xeon, 183-188 GFLOP/s against {@link #blockStrided}'s 137-146 (one thread, in cache).
     */
    static void blockAdjacent(float[] a, int p, int step, int length, float[] b, int bi, float[] sum, int si,
            float[] dst, int[] rowAt, int at, int lane0) {
        FloatVector c000 = FloatVector.zero(F);
        FloatVector c001 = FloatVector.zero(F);
        FloatVector c010 = FloatVector.zero(F);
        FloatVector c011 = FloatVector.zero(F);
        FloatVector c020 = FloatVector.zero(F);
        FloatVector c021 = FloatVector.zero(F);
        FloatVector c030 = FloatVector.zero(F);
        FloatVector c031 = FloatVector.zero(F);
        FloatVector c040 = FloatVector.zero(F);
        FloatVector c041 = FloatVector.zero(F);
        FloatVector c050 = FloatVector.zero(F);
        FloatVector c051 = FloatVector.zero(F);
        FloatVector c060 = FloatVector.zero(F);
        FloatVector c061 = FloatVector.zero(F);
        FloatVector c070 = FloatVector.zero(F);
        FloatVector c071 = FloatVector.zero(F);
        FloatVector c080 = FloatVector.zero(F);
        FloatVector c081 = FloatVector.zero(F);
        FloatVector c090 = FloatVector.zero(F);
        FloatVector c091 = FloatVector.zero(F);
        FloatVector c100 = FloatVector.zero(F);
        FloatVector c101 = FloatVector.zero(F);
        FloatVector c110 = FloatVector.zero(F);
        FloatVector c111 = FloatVector.zero(F);
        int q = bi;
        for (int k = 0; k < length; k++, p += step) {
            FloatVector b0 = FloatVector.fromArray(F, b, q);
            FloatVector b1 = FloatVector.fromArray(F, b, q + L);
            FloatVector x = FloatVector.broadcast(F, a[p]);
            c000 = b0.fma(x, c000);
            c001 = b1.fma(x, c001);
            x = FloatVector.broadcast(F, a[p + 1]);
            c010 = b0.fma(x, c010);
            c011 = b1.fma(x, c011);
            x = FloatVector.broadcast(F, a[p + 2]);
            c020 = b0.fma(x, c020);
            c021 = b1.fma(x, c021);
            x = FloatVector.broadcast(F, a[p + 3]);
            c030 = b0.fma(x, c030);
            c031 = b1.fma(x, c031);
            x = FloatVector.broadcast(F, a[p + 4]);
            c040 = b0.fma(x, c040);
            c041 = b1.fma(x, c041);
            x = FloatVector.broadcast(F, a[p + 5]);
            c050 = b0.fma(x, c050);
            c051 = b1.fma(x, c051);
            x = FloatVector.broadcast(F, a[p + 6]);
            c060 = b0.fma(x, c060);
            c061 = b1.fma(x, c061);
            x = FloatVector.broadcast(F, a[p + 7]);
            c070 = b0.fma(x, c070);
            c071 = b1.fma(x, c071);
            x = FloatVector.broadcast(F, a[p + 8]);
            c080 = b0.fma(x, c080);
            c081 = b1.fma(x, c081);
            x = FloatVector.broadcast(F, a[p + 9]);
            c090 = b0.fma(x, c090);
            c091 = b1.fma(x, c091);
            x = FloatVector.broadcast(F, a[p + 10]);
            c100 = b0.fma(x, c100);
            c101 = b1.fma(x, c101);
            x = FloatVector.broadcast(F, a[p + 11]);
            c110 = b0.fma(x, c110);
            c111 = b1.fma(x, c111);
            q += NR;
        }
        // each row: dst = (sum or 0) + the block, in float; written out here, not in a helper (the JIT did
        // not inline one called once per block, and boxed every accumulator: ten times slower)
        int d0 = rowAt[at] + lane0;
        int d1 = rowAt[at + 1] + lane0;
        int d2 = rowAt[at + 2] + lane0;
        int d3 = rowAt[at + 3] + lane0;
        int d4 = rowAt[at + 4] + lane0;
        int d5 = rowAt[at + 5] + lane0;
        int d6 = rowAt[at + 6] + lane0;
        int d7 = rowAt[at + 7] + lane0;
        int d8 = rowAt[at + 8] + lane0;
        int d9 = rowAt[at + 9] + lane0;
        int d10 = rowAt[at + 10] + lane0;
        int d11 = rowAt[at + 11] + lane0;
        if (sum == null) {
            FloatVector z = FloatVector.zero(F);
            z.add(c000).intoArray(dst, d0);
            z.add(c001).intoArray(dst, d0 + L);
            z.add(c010).intoArray(dst, d1);
            z.add(c011).intoArray(dst, d1 + L);
            z.add(c020).intoArray(dst, d2);
            z.add(c021).intoArray(dst, d2 + L);
            z.add(c030).intoArray(dst, d3);
            z.add(c031).intoArray(dst, d3 + L);
            z.add(c040).intoArray(dst, d4);
            z.add(c041).intoArray(dst, d4 + L);
            z.add(c050).intoArray(dst, d5);
            z.add(c051).intoArray(dst, d5 + L);
            z.add(c060).intoArray(dst, d6);
            z.add(c061).intoArray(dst, d6 + L);
            z.add(c070).intoArray(dst, d7);
            z.add(c071).intoArray(dst, d7 + L);
            z.add(c080).intoArray(dst, d8);
            z.add(c081).intoArray(dst, d8 + L);
            z.add(c090).intoArray(dst, d9);
            z.add(c091).intoArray(dst, d9 + L);
            z.add(c100).intoArray(dst, d10);
            z.add(c101).intoArray(dst, d10 + L);
            z.add(c110).intoArray(dst, d11);
            z.add(c111).intoArray(dst, d11 + L);
        } else {
            FloatVector.fromArray(F, sum, si).add(c000).intoArray(dst, d0);
            FloatVector.fromArray(F, sum, si + L).add(c001).intoArray(dst, d0 + L);
            FloatVector.fromArray(F, sum, si + NR).add(c010).intoArray(dst, d1);
            FloatVector.fromArray(F, sum, si + NR + L).add(c011).intoArray(dst, d1 + L);
            FloatVector.fromArray(F, sum, si + 2 * NR).add(c020).intoArray(dst, d2);
            FloatVector.fromArray(F, sum, si + 2 * NR + L).add(c021).intoArray(dst, d2 + L);
            FloatVector.fromArray(F, sum, si + 3 * NR).add(c030).intoArray(dst, d3);
            FloatVector.fromArray(F, sum, si + 3 * NR + L).add(c031).intoArray(dst, d3 + L);
            FloatVector.fromArray(F, sum, si + 4 * NR).add(c040).intoArray(dst, d4);
            FloatVector.fromArray(F, sum, si + 4 * NR + L).add(c041).intoArray(dst, d4 + L);
            FloatVector.fromArray(F, sum, si + 5 * NR).add(c050).intoArray(dst, d5);
            FloatVector.fromArray(F, sum, si + 5 * NR + L).add(c051).intoArray(dst, d5 + L);
            FloatVector.fromArray(F, sum, si + 6 * NR).add(c060).intoArray(dst, d6);
            FloatVector.fromArray(F, sum, si + 6 * NR + L).add(c061).intoArray(dst, d6 + L);
            FloatVector.fromArray(F, sum, si + 7 * NR).add(c070).intoArray(dst, d7);
            FloatVector.fromArray(F, sum, si + 7 * NR + L).add(c071).intoArray(dst, d7 + L);
            FloatVector.fromArray(F, sum, si + 8 * NR).add(c080).intoArray(dst, d8);
            FloatVector.fromArray(F, sum, si + 8 * NR + L).add(c081).intoArray(dst, d8 + L);
            FloatVector.fromArray(F, sum, si + 9 * NR).add(c090).intoArray(dst, d9);
            FloatVector.fromArray(F, sum, si + 9 * NR + L).add(c091).intoArray(dst, d9 + L);
            FloatVector.fromArray(F, sum, si + 10 * NR).add(c100).intoArray(dst, d10);
            FloatVector.fromArray(F, sum, si + 10 * NR + L).add(c101).intoArray(dst, d10 + L);
            FloatVector.fromArray(F, sum, si + 11 * NR).add(c110).intoArray(dst, d11);
            FloatVector.fromArray(F, sum, si + 11 * NR + L).add(c111).intoArray(dst, d11 + L);
        }
    }

    /**
     * {@link #block} for rows {@code step} apart along k anywhere: row r's operands are {@code a[o[r] + p +
     * k * step]} (a weight gradient's last, partial panel of output channels, whose missing rows repeat
     * its first).
     */
    static void blockStrided(float[] a, int[] o, int p, int step, int length, float[] b, int bi, float[] sum, int si,
            float[] dst, int[] rowAt, int at, int lane0) {
        int o0 = o[0], o1 = o[1], o2 = o[2], o3 = o[3], o4 = o[4], o5 = o[5];
        int o6 = o[6], o7 = o[7], o8 = o[8], o9 = o[9], o10 = o[10], o11 = o[11];
        FloatVector c000 = FloatVector.zero(F);
        FloatVector c001 = FloatVector.zero(F);
        FloatVector c010 = FloatVector.zero(F);
        FloatVector c011 = FloatVector.zero(F);
        FloatVector c020 = FloatVector.zero(F);
        FloatVector c021 = FloatVector.zero(F);
        FloatVector c030 = FloatVector.zero(F);
        FloatVector c031 = FloatVector.zero(F);
        FloatVector c040 = FloatVector.zero(F);
        FloatVector c041 = FloatVector.zero(F);
        FloatVector c050 = FloatVector.zero(F);
        FloatVector c051 = FloatVector.zero(F);
        FloatVector c060 = FloatVector.zero(F);
        FloatVector c061 = FloatVector.zero(F);
        FloatVector c070 = FloatVector.zero(F);
        FloatVector c071 = FloatVector.zero(F);
        FloatVector c080 = FloatVector.zero(F);
        FloatVector c081 = FloatVector.zero(F);
        FloatVector c090 = FloatVector.zero(F);
        FloatVector c091 = FloatVector.zero(F);
        FloatVector c100 = FloatVector.zero(F);
        FloatVector c101 = FloatVector.zero(F);
        FloatVector c110 = FloatVector.zero(F);
        FloatVector c111 = FloatVector.zero(F);
        int q = bi;
        for (int k = 0; k < length; k++, p += step) {
            FloatVector b0 = FloatVector.fromArray(F, b, q);
            FloatVector b1 = FloatVector.fromArray(F, b, q + L);
            FloatVector x = FloatVector.broadcast(F, a[o0 + p]);
            c000 = b0.fma(x, c000);
            c001 = b1.fma(x, c001);
            x = FloatVector.broadcast(F, a[o1 + p]);
            c010 = b0.fma(x, c010);
            c011 = b1.fma(x, c011);
            x = FloatVector.broadcast(F, a[o2 + p]);
            c020 = b0.fma(x, c020);
            c021 = b1.fma(x, c021);
            x = FloatVector.broadcast(F, a[o3 + p]);
            c030 = b0.fma(x, c030);
            c031 = b1.fma(x, c031);
            x = FloatVector.broadcast(F, a[o4 + p]);
            c040 = b0.fma(x, c040);
            c041 = b1.fma(x, c041);
            x = FloatVector.broadcast(F, a[o5 + p]);
            c050 = b0.fma(x, c050);
            c051 = b1.fma(x, c051);
            x = FloatVector.broadcast(F, a[o6 + p]);
            c060 = b0.fma(x, c060);
            c061 = b1.fma(x, c061);
            x = FloatVector.broadcast(F, a[o7 + p]);
            c070 = b0.fma(x, c070);
            c071 = b1.fma(x, c071);
            x = FloatVector.broadcast(F, a[o8 + p]);
            c080 = b0.fma(x, c080);
            c081 = b1.fma(x, c081);
            x = FloatVector.broadcast(F, a[o9 + p]);
            c090 = b0.fma(x, c090);
            c091 = b1.fma(x, c091);
            x = FloatVector.broadcast(F, a[o10 + p]);
            c100 = b0.fma(x, c100);
            c101 = b1.fma(x, c101);
            x = FloatVector.broadcast(F, a[o11 + p]);
            c110 = b0.fma(x, c110);
            c111 = b1.fma(x, c111);
            q += NR;
        }
        // each row: dst = (sum or 0) + the block, in float; written out here, not in a helper (the JIT did
        // not inline one called once per block, and boxed every accumulator: ten times slower)
        int d0 = rowAt[at] + lane0;
        int d1 = rowAt[at + 1] + lane0;
        int d2 = rowAt[at + 2] + lane0;
        int d3 = rowAt[at + 3] + lane0;
        int d4 = rowAt[at + 4] + lane0;
        int d5 = rowAt[at + 5] + lane0;
        int d6 = rowAt[at + 6] + lane0;
        int d7 = rowAt[at + 7] + lane0;
        int d8 = rowAt[at + 8] + lane0;
        int d9 = rowAt[at + 9] + lane0;
        int d10 = rowAt[at + 10] + lane0;
        int d11 = rowAt[at + 11] + lane0;
        if (sum == null) {
            FloatVector z = FloatVector.zero(F);
            z.add(c000).intoArray(dst, d0);
            z.add(c001).intoArray(dst, d0 + L);
            z.add(c010).intoArray(dst, d1);
            z.add(c011).intoArray(dst, d1 + L);
            z.add(c020).intoArray(dst, d2);
            z.add(c021).intoArray(dst, d2 + L);
            z.add(c030).intoArray(dst, d3);
            z.add(c031).intoArray(dst, d3 + L);
            z.add(c040).intoArray(dst, d4);
            z.add(c041).intoArray(dst, d4 + L);
            z.add(c050).intoArray(dst, d5);
            z.add(c051).intoArray(dst, d5 + L);
            z.add(c060).intoArray(dst, d6);
            z.add(c061).intoArray(dst, d6 + L);
            z.add(c070).intoArray(dst, d7);
            z.add(c071).intoArray(dst, d7 + L);
            z.add(c080).intoArray(dst, d8);
            z.add(c081).intoArray(dst, d8 + L);
            z.add(c090).intoArray(dst, d9);
            z.add(c091).intoArray(dst, d9 + L);
            z.add(c100).intoArray(dst, d10);
            z.add(c101).intoArray(dst, d10 + L);
            z.add(c110).intoArray(dst, d11);
            z.add(c111).intoArray(dst, d11 + L);
        } else {
            FloatVector.fromArray(F, sum, si).add(c000).intoArray(dst, d0);
            FloatVector.fromArray(F, sum, si + L).add(c001).intoArray(dst, d0 + L);
            FloatVector.fromArray(F, sum, si + NR).add(c010).intoArray(dst, d1);
            FloatVector.fromArray(F, sum, si + NR + L).add(c011).intoArray(dst, d1 + L);
            FloatVector.fromArray(F, sum, si + 2 * NR).add(c020).intoArray(dst, d2);
            FloatVector.fromArray(F, sum, si + 2 * NR + L).add(c021).intoArray(dst, d2 + L);
            FloatVector.fromArray(F, sum, si + 3 * NR).add(c030).intoArray(dst, d3);
            FloatVector.fromArray(F, sum, si + 3 * NR + L).add(c031).intoArray(dst, d3 + L);
            FloatVector.fromArray(F, sum, si + 4 * NR).add(c040).intoArray(dst, d4);
            FloatVector.fromArray(F, sum, si + 4 * NR + L).add(c041).intoArray(dst, d4 + L);
            FloatVector.fromArray(F, sum, si + 5 * NR).add(c050).intoArray(dst, d5);
            FloatVector.fromArray(F, sum, si + 5 * NR + L).add(c051).intoArray(dst, d5 + L);
            FloatVector.fromArray(F, sum, si + 6 * NR).add(c060).intoArray(dst, d6);
            FloatVector.fromArray(F, sum, si + 6 * NR + L).add(c061).intoArray(dst, d6 + L);
            FloatVector.fromArray(F, sum, si + 7 * NR).add(c070).intoArray(dst, d7);
            FloatVector.fromArray(F, sum, si + 7 * NR + L).add(c071).intoArray(dst, d7 + L);
            FloatVector.fromArray(F, sum, si + 8 * NR).add(c080).intoArray(dst, d8);
            FloatVector.fromArray(F, sum, si + 8 * NR + L).add(c081).intoArray(dst, d8 + L);
            FloatVector.fromArray(F, sum, si + 9 * NR).add(c090).intoArray(dst, d9);
            FloatVector.fromArray(F, sum, si + 9 * NR + L).add(c091).intoArray(dst, d9 + L);
            FloatVector.fromArray(F, sum, si + 10 * NR).add(c100).intoArray(dst, d10);
            FloatVector.fromArray(F, sum, si + 10 * NR + L).add(c101).intoArray(dst, d10 + L);
            FloatVector.fromArray(F, sum, si + 11 * NR).add(c110).intoArray(dst, d11);
            FloatVector.fromArray(F, sum, si + 11 * NR + L).add(c111).intoArray(dst, d11 + L);
        }
    }

    /**
     * {@link #block} for the first 4 rows only, with the same float operations for each: a panel whose
     * other 8 rows would repeat its first (a 64-row weight gradient is 5 panels of 12 and one of 4, not 6
     * of 12: an eighth less arithmetic).
     */
    static void block4(float[] a, int[] o, int p, int step, int length, float[] b, int bi, float[] sum, int si,
            float[] dst, int[] rowAt, int at, int lane0) {
        int o0 = o[0], o1 = o[1], o2 = o[2], o3 = o[3];
        FloatVector c000 = FloatVector.zero(F);
        FloatVector c001 = FloatVector.zero(F);
        FloatVector c010 = FloatVector.zero(F);
        FloatVector c011 = FloatVector.zero(F);
        FloatVector c020 = FloatVector.zero(F);
        FloatVector c021 = FloatVector.zero(F);
        FloatVector c030 = FloatVector.zero(F);
        FloatVector c031 = FloatVector.zero(F);
        int q = bi;
        for (int k = 0; k < length; k++, p += step) {
            FloatVector b0 = FloatVector.fromArray(F, b, q);
            FloatVector b1 = FloatVector.fromArray(F, b, q + L);
            FloatVector x = FloatVector.broadcast(F, a[o0 + p]);
            c000 = b0.fma(x, c000);
            c001 = b1.fma(x, c001);
            x = FloatVector.broadcast(F, a[o1 + p]);
            c010 = b0.fma(x, c010);
            c011 = b1.fma(x, c011);
            x = FloatVector.broadcast(F, a[o2 + p]);
            c020 = b0.fma(x, c020);
            c021 = b1.fma(x, c021);
            x = FloatVector.broadcast(F, a[o3 + p]);
            c030 = b0.fma(x, c030);
            c031 = b1.fma(x, c031);
            q += NR;
        }
        int d0 = rowAt[at] + lane0;
        int d1 = rowAt[at + 1] + lane0;
        int d2 = rowAt[at + 2] + lane0;
        int d3 = rowAt[at + 3] + lane0;
        FloatVector z = FloatVector.zero(F);
        (sum == null ? z : FloatVector.fromArray(F, sum, si)).add(c000).intoArray(dst, d0);
        (sum == null ? z : FloatVector.fromArray(F, sum, si + L)).add(c001).intoArray(dst, d0 + L);
        (sum == null ? z : FloatVector.fromArray(F, sum, si + NR)).add(c010).intoArray(dst, d1);
        (sum == null ? z : FloatVector.fromArray(F, sum, si + NR + L)).add(c011).intoArray(dst, d1 + L);
        (sum == null ? z : FloatVector.fromArray(F, sum, si + 2 * NR)).add(c020).intoArray(dst, d2);
        (sum == null ? z : FloatVector.fromArray(F, sum, si + 2 * NR + L)).add(c021).intoArray(dst, d2 + L);
        (sum == null ? z : FloatVector.fromArray(F, sum, si + 3 * NR)).add(c030).intoArray(dst, d3);
        (sum == null ? z : FloatVector.fromArray(F, sum, si + 3 * NR + L)).add(c031).intoArray(dst, d3 + L);
    }

    /**
     * The same block over the same products in the opposite order (from its last product to its
     * first), for the reversed float32 build: row by row, as it is there to be certified, not to be fast.
     */
    static void blockReversed(float[] a, int[] o, int p, int step, int length, float[] b, int bi, float[] c, int ci) {
        blockReversed(a, o, p, step, length, b, bi, c, ci, c, ROWS, 0, ci);
    }

    /** {@link #block}'s general form, over the products in the opposite order. */
    static void blockReversed(float[] a, int[] o, int p, int step, int length, float[] b, int bi, float[] sum, int si,
            float[] dst, int[] rowAt, int at, int lane0) {
        for (int r = 0; r < MR; r++) {
            FloatVector acc0 = FloatVector.zero(F);
            FloatVector acc1 = FloatVector.zero(F);
            for (int k = length - 1; k >= 0; k--) {
                FloatVector x = FloatVector.broadcast(F, a[o[r] + p + k * step]);
                acc0 = FloatVector.fromArray(F, b, bi + k * NR).fma(x, acc0);
                acc1 = FloatVector.fromArray(F, b, bi + k * NR + L).fma(x, acc1);
            }
            FloatVector s0 = sum == null ? FloatVector.zero(F) : FloatVector.fromArray(F, sum, si + r * NR);
            FloatVector s1 = sum == null ? FloatVector.zero(F) : FloatVector.fromArray(F, sum, si + r * NR + L);
            s0.add(acc0).intoArray(dst, rowAt[at + r] + lane0);
            s1.add(acc1).intoArray(dst, rowAt[at + r] + lane0 + L);
        }
    }
}
