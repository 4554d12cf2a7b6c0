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
 * = channels), with no gathering. (A row step known only at run time measured within this machine's
 * noise of a constant 1; a lane step known only at run time cost a quarter of the speed, so the lanes
 * are always a packed panel.)
 *
 * <p>A block is summed from zero with fused multiply-adds, k ascending, then added in float to the
 * running sum {@code c[ci + r * NR + lane]}: the float32 order of {@link FloatKernel}, whose products are
 * these with the operands' roles swapped (a fused multiply-add does not care which factor is which).
 * One loop per call: with a second loop around it (segments of a block), the JIT kept the
 * accumulators in memory and the tile ran at half speed.
 */
final class Tile {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    static final int NR = 2 * L;
    static final int MR = 12;

    private Tile() {
    }

    /** Adds the block of {@code length} products, summed from zero in order, to {@code c}. */
    static void block(float[] a, int[] o, int p, int step, int length, float[] b, int bi, float[] c, int ci) {
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
        FloatVector.fromArray(F, c, ci).add(c000).intoArray(c, ci);
        FloatVector.fromArray(F, c, ci + L).add(c001).intoArray(c, ci + L);
        FloatVector.fromArray(F, c, ci + NR).add(c010).intoArray(c, ci + NR);
        FloatVector.fromArray(F, c, ci + NR + L).add(c011).intoArray(c, ci + NR + L);
        FloatVector.fromArray(F, c, ci + 2 * NR).add(c020).intoArray(c, ci + 2 * NR);
        FloatVector.fromArray(F, c, ci + 2 * NR + L).add(c021).intoArray(c, ci + 2 * NR + L);
        FloatVector.fromArray(F, c, ci + 3 * NR).add(c030).intoArray(c, ci + 3 * NR);
        FloatVector.fromArray(F, c, ci + 3 * NR + L).add(c031).intoArray(c, ci + 3 * NR + L);
        FloatVector.fromArray(F, c, ci + 4 * NR).add(c040).intoArray(c, ci + 4 * NR);
        FloatVector.fromArray(F, c, ci + 4 * NR + L).add(c041).intoArray(c, ci + 4 * NR + L);
        FloatVector.fromArray(F, c, ci + 5 * NR).add(c050).intoArray(c, ci + 5 * NR);
        FloatVector.fromArray(F, c, ci + 5 * NR + L).add(c051).intoArray(c, ci + 5 * NR + L);
        FloatVector.fromArray(F, c, ci + 6 * NR).add(c060).intoArray(c, ci + 6 * NR);
        FloatVector.fromArray(F, c, ci + 6 * NR + L).add(c061).intoArray(c, ci + 6 * NR + L);
        FloatVector.fromArray(F, c, ci + 7 * NR).add(c070).intoArray(c, ci + 7 * NR);
        FloatVector.fromArray(F, c, ci + 7 * NR + L).add(c071).intoArray(c, ci + 7 * NR + L);
        FloatVector.fromArray(F, c, ci + 8 * NR).add(c080).intoArray(c, ci + 8 * NR);
        FloatVector.fromArray(F, c, ci + 8 * NR + L).add(c081).intoArray(c, ci + 8 * NR + L);
        FloatVector.fromArray(F, c, ci + 9 * NR).add(c090).intoArray(c, ci + 9 * NR);
        FloatVector.fromArray(F, c, ci + 9 * NR + L).add(c091).intoArray(c, ci + 9 * NR + L);
        FloatVector.fromArray(F, c, ci + 10 * NR).add(c100).intoArray(c, ci + 10 * NR);
        FloatVector.fromArray(F, c, ci + 10 * NR + L).add(c101).intoArray(c, ci + 10 * NR + L);
        FloatVector.fromArray(F, c, ci + 11 * NR).add(c110).intoArray(c, ci + 11 * NR);
        FloatVector.fromArray(F, c, ci + 11 * NR + L).add(c111).intoArray(c, ci + 11 * NR + L);
    }

    /**
     * The same block over the same products in the opposite order (from its last product to its
     * first), for the reversed float32 build: row by row, as it is there to be certified, not to be fast.
     */
    static void blockReversed(float[] a, int[] o, int p, int step, int length, float[] b, int bi, float[] c, int ci) {
        for (int r = 0; r < MR; r++) {
            FloatVector acc0 = FloatVector.zero(F);
            FloatVector acc1 = FloatVector.zero(F);
            for (int k = length - 1; k >= 0; k--) {
                FloatVector x = FloatVector.broadcast(F, a[o[r] + p + k * step]);
                acc0 = FloatVector.fromArray(F, b, bi + k * NR).fma(x, acc0);
                acc1 = FloatVector.fromArray(F, b, bi + k * NR + L).fma(x, acc1);
            }
            FloatVector.fromArray(F, c, ci + r * NR).add(acc0).intoArray(c, ci + r * NR);
            FloatVector.fromArray(F, c, ci + r * NR + L).add(acc1).intoArray(c, ci + r * NR + L);
        }
    }
}
