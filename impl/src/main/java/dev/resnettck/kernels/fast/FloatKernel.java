package dev.resnettck.kernels.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm}'s register tile in float32, as an ordinary float32 kernel computes: products and sums
 * in float with fused multiply-adds, each depth block (at most {@link Gemm#KC}) summed from zero,
 * then added to the running sum in {@code c} in float. 12 x 2L for AVX-512's 32 registers: 24 vector
 * accumulators, two B vectors and one broadcast per step (measured alone on one core, in L1: 170
 * GFLOP/s against 6 x 2L's 135). A panel of A holds {@link #MR} rows; one with at most 6 live rows (the
 * tail of 64 channels, a 3-channel stem) runs a 6 x 2L tile instead, so it multiplies no rows of
 * zeros it need not. Every output element gets the same operations in the same order on either
 * tile. B's depths lie {@code bStep} apart (NR when packed, more when read in place). Reversed: the
 * same products, from the block's last to its first (the caller also takes the blocks last to first).
 */
final class FloatKernel {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    static final int NR = 2 * L;
    static final int MR = 12;
    private static final int HALF = MR / 2;

    private FloatKernel() {
    }

    /** Adds the products of {@code rows} (at most MR) rows of the A panel at {@code ai} into {@code c}. */
    static void run(int rows, int kc, boolean reversed, float[] a, int ai, float[] b, int bi, int bStep, float[] c, int ci,
                    int ldc) {
        int stepB = reversed ? -bStep : bStep;
        int stepA = reversed ? -MR : MR;
        if (reversed) {
            ai += (kc - 1) * MR;
            bi += (kc - 1) * bStep;
        }
        if (rows <= HALF) {
            runHalf(kc, a, ai, stepA, b, bi, stepB, c, ci, ldc);
        } else {
            runFull(kc, a, ai, stepA, b, bi, stepB, c, ci, ldc);
        }
    }

    private static void runFull(int kc, float[] a, int ai, int stepA, float[] b, int bi, int stepB, float[] c, int ci, int ldc) {
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
        for (int k = 0; k < kc; k++) {
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            FloatVector b1 = FloatVector.fromArray(F, b, bi + L);
            FloatVector x = FloatVector.broadcast(F, a[ai]);
            c000 = b0.fma(x, c000);
            c001 = b1.fma(x, c001);
            x = FloatVector.broadcast(F, a[ai + 1]);
            c010 = b0.fma(x, c010);
            c011 = b1.fma(x, c011);
            x = FloatVector.broadcast(F, a[ai + 2]);
            c020 = b0.fma(x, c020);
            c021 = b1.fma(x, c021);
            x = FloatVector.broadcast(F, a[ai + 3]);
            c030 = b0.fma(x, c030);
            c031 = b1.fma(x, c031);
            x = FloatVector.broadcast(F, a[ai + 4]);
            c040 = b0.fma(x, c040);
            c041 = b1.fma(x, c041);
            x = FloatVector.broadcast(F, a[ai + 5]);
            c050 = b0.fma(x, c050);
            c051 = b1.fma(x, c051);
            x = FloatVector.broadcast(F, a[ai + 6]);
            c060 = b0.fma(x, c060);
            c061 = b1.fma(x, c061);
            x = FloatVector.broadcast(F, a[ai + 7]);
            c070 = b0.fma(x, c070);
            c071 = b1.fma(x, c071);
            x = FloatVector.broadcast(F, a[ai + 8]);
            c080 = b0.fma(x, c080);
            c081 = b1.fma(x, c081);
            x = FloatVector.broadcast(F, a[ai + 9]);
            c090 = b0.fma(x, c090);
            c091 = b1.fma(x, c091);
            x = FloatVector.broadcast(F, a[ai + 10]);
            c100 = b0.fma(x, c100);
            c101 = b1.fma(x, c101);
            x = FloatVector.broadcast(F, a[ai + 11]);
            c110 = b0.fma(x, c110);
            c111 = b1.fma(x, c111);
            ai += stepA;
            bi += stepB;
        }
        FloatVector.fromArray(F, c, ci).add(c000).intoArray(c, ci);
        FloatVector.fromArray(F, c, ci + L).add(c001).intoArray(c, ci + L);
        FloatVector.fromArray(F, c, ci + ldc).add(c010).intoArray(c, ci + ldc);
        FloatVector.fromArray(F, c, ci + ldc + L).add(c011).intoArray(c, ci + ldc + L);
        FloatVector.fromArray(F, c, ci + 2 * ldc).add(c020).intoArray(c, ci + 2 * ldc);
        FloatVector.fromArray(F, c, ci + 2 * ldc + L).add(c021).intoArray(c, ci + 2 * ldc + L);
        FloatVector.fromArray(F, c, ci + 3 * ldc).add(c030).intoArray(c, ci + 3 * ldc);
        FloatVector.fromArray(F, c, ci + 3 * ldc + L).add(c031).intoArray(c, ci + 3 * ldc + L);
        FloatVector.fromArray(F, c, ci + 4 * ldc).add(c040).intoArray(c, ci + 4 * ldc);
        FloatVector.fromArray(F, c, ci + 4 * ldc + L).add(c041).intoArray(c, ci + 4 * ldc + L);
        FloatVector.fromArray(F, c, ci + 5 * ldc).add(c050).intoArray(c, ci + 5 * ldc);
        FloatVector.fromArray(F, c, ci + 5 * ldc + L).add(c051).intoArray(c, ci + 5 * ldc + L);
        FloatVector.fromArray(F, c, ci + 6 * ldc).add(c060).intoArray(c, ci + 6 * ldc);
        FloatVector.fromArray(F, c, ci + 6 * ldc + L).add(c061).intoArray(c, ci + 6 * ldc + L);
        FloatVector.fromArray(F, c, ci + 7 * ldc).add(c070).intoArray(c, ci + 7 * ldc);
        FloatVector.fromArray(F, c, ci + 7 * ldc + L).add(c071).intoArray(c, ci + 7 * ldc + L);
        FloatVector.fromArray(F, c, ci + 8 * ldc).add(c080).intoArray(c, ci + 8 * ldc);
        FloatVector.fromArray(F, c, ci + 8 * ldc + L).add(c081).intoArray(c, ci + 8 * ldc + L);
        FloatVector.fromArray(F, c, ci + 9 * ldc).add(c090).intoArray(c, ci + 9 * ldc);
        FloatVector.fromArray(F, c, ci + 9 * ldc + L).add(c091).intoArray(c, ci + 9 * ldc + L);
        FloatVector.fromArray(F, c, ci + 10 * ldc).add(c100).intoArray(c, ci + 10 * ldc);
        FloatVector.fromArray(F, c, ci + 10 * ldc + L).add(c101).intoArray(c, ci + 10 * ldc + L);
        FloatVector.fromArray(F, c, ci + 11 * ldc).add(c110).intoArray(c, ci + 11 * ldc);
        FloatVector.fromArray(F, c, ci + 11 * ldc + L).add(c111).intoArray(c, ci + 11 * ldc + L);
    }

    private static void runHalf(int kc, float[] a, int ai, int stepA, float[] b, int bi, int stepB, float[] c, int ci, int ldc) {
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
        for (int k = 0; k < kc; k++) {
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            FloatVector b1 = FloatVector.fromArray(F, b, bi + L);
            FloatVector x = FloatVector.broadcast(F, a[ai]);
            c000 = b0.fma(x, c000);
            c001 = b1.fma(x, c001);
            x = FloatVector.broadcast(F, a[ai + 1]);
            c010 = b0.fma(x, c010);
            c011 = b1.fma(x, c011);
            x = FloatVector.broadcast(F, a[ai + 2]);
            c020 = b0.fma(x, c020);
            c021 = b1.fma(x, c021);
            x = FloatVector.broadcast(F, a[ai + 3]);
            c030 = b0.fma(x, c030);
            c031 = b1.fma(x, c031);
            x = FloatVector.broadcast(F, a[ai + 4]);
            c040 = b0.fma(x, c040);
            c041 = b1.fma(x, c041);
            x = FloatVector.broadcast(F, a[ai + 5]);
            c050 = b0.fma(x, c050);
            c051 = b1.fma(x, c051);
            ai += stepA;
            bi += stepB;
        }
        FloatVector.fromArray(F, c, ci).add(c000).intoArray(c, ci);
        FloatVector.fromArray(F, c, ci + L).add(c001).intoArray(c, ci + L);
        FloatVector.fromArray(F, c, ci + ldc).add(c010).intoArray(c, ci + ldc);
        FloatVector.fromArray(F, c, ci + ldc + L).add(c011).intoArray(c, ci + ldc + L);
        FloatVector.fromArray(F, c, ci + 2 * ldc).add(c020).intoArray(c, ci + 2 * ldc);
        FloatVector.fromArray(F, c, ci + 2 * ldc + L).add(c021).intoArray(c, ci + 2 * ldc + L);
        FloatVector.fromArray(F, c, ci + 3 * ldc).add(c030).intoArray(c, ci + 3 * ldc);
        FloatVector.fromArray(F, c, ci + 3 * ldc + L).add(c031).intoArray(c, ci + 3 * ldc + L);
        FloatVector.fromArray(F, c, ci + 4 * ldc).add(c040).intoArray(c, ci + 4 * ldc);
        FloatVector.fromArray(F, c, ci + 4 * ldc + L).add(c041).intoArray(c, ci + 4 * ldc + L);
        FloatVector.fromArray(F, c, ci + 5 * ldc).add(c050).intoArray(c, ci + 5 * ldc);
        FloatVector.fromArray(F, c, ci + 5 * ldc + L).add(c051).intoArray(c, ci + 5 * ldc + L);
    }
}
