package dev.resnettck.kernels.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm}'s register tile in float32, as an ordinary float32 kernel computes: products and sums
 * in float with fused multiply-adds, each depth block (at most {@link Gemm#KC}) summed from zero,
 * then added to the running sum in {@code c} in float. 6 x 2L: 12 vector accumulators, two B
 * vectors and one broadcast per step (15 of AVX2's 16 registers). Reversed: the same products, from
 * the block's last to its first (the caller also takes the blocks last to first).
 */
final class FloatKernel {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    static final int NR = 2 * L;

    private FloatKernel() {
    }

    static void run(int kc, boolean reversed, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F);
        FloatVector c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F);
        FloatVector c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F);
        FloatVector c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F);
        FloatVector c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F);
        FloatVector c51 = FloatVector.zero(F);
        int stepA = reversed ? -Gemm.MR : Gemm.MR;
        int stepB = reversed ? -NR : NR;
        if (reversed) {
            ai += (kc - 1) * Gemm.MR;
            bi += (kc - 1) * NR;
        }
        for (int k = 0; k < kc; k++) {
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            FloatVector b1 = FloatVector.fromArray(F, b, bi + L);
            FloatVector x = FloatVector.broadcast(F, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(F, a[ai + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(F, a[ai + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(F, a[ai + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(F, a[ai + 4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(F, a[ai + 5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
            ai += stepA;
            bi += stepB;
        }
        addInto(c00, c, ci);
        addInto(c01, c, ci + L);
        addInto(c10, c, ci + ldc);
        addInto(c11, c, ci + ldc + L);
        addInto(c20, c, ci + 2 * ldc);
        addInto(c21, c, ci + 2 * ldc + L);
        addInto(c30, c, ci + 3 * ldc);
        addInto(c31, c, ci + 3 * ldc + L);
        addInto(c40, c, ci + 4 * ldc);
        addInto(c41, c, ci + 4 * ldc + L);
        addInto(c50, c, ci + 5 * ldc);
        addInto(c51, c, ci + 5 * ldc + L);
    }

    private static void addInto(FloatVector block, float[] c, int at) {
        FloatVector.fromArray(F, c, at).add(block).intoArray(c, at);
    }
}
