package dev.resnettck.kernels.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DoubleGemm}'s register tile with float32 accumulation: after every fused multiply-add the
 * partial sum is rounded to float32's 24-bit significand (Veltkamp splitting: {@code t = v * (2^29
 * + 1); v' = t - (t - v)}, round to nearest, exact for the normal range these sums stay in). The
 * products of float32 operands are exact in double, so each step is a float32 FMA. This is the
 * numerics of an ordinary float32 kernel (products and sums in float, summed in depth blocks of up
 * to 256, block sums added in float), registered so the suite can show it certifies.
 */
final class Float32Kernel {
    private static final VectorSpecies<Double> D = DoubleGemm.D;
    private static final int L = DoubleGemm.L;
    private static final double SPLIT = (1 << 29) + 1.0;

    private Float32Kernel() {
    }

    private static DoubleVector round(DoubleVector v) {
        DoubleVector t = v.mul(SPLIT);
        return t.sub(t.sub(v));
    }

    /** Adds a block's float32 sum into the running float32 sum in {@code c}, rounded to float32. */
    private static void addInto(DoubleVector block, double[] c, int at) {
        round(DoubleVector.fromArray(D, c, at).add(block)).intoArray(c, at);
    }

    /**
     * The MR x NR tile over one depth block of {@code kc} products (at most {@link DoubleGemm#KC}),
     * first to last or (reversed) last to first, summed from zero; the block's sum is then added to
     * the running sum in {@code c}: blocked summation, as float32 GEMMs and GPU kernels do.
     */
    static void run(int kc, boolean reversed, double[] a, int ai, double[] b, int bi, double[] c, int ci, int ldc) {
        DoubleVector c00 = DoubleVector.zero(D);
        DoubleVector c01 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D);
        DoubleVector c11 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D);
        DoubleVector c21 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D);
        DoubleVector c31 = DoubleVector.zero(D);
        DoubleVector c40 = DoubleVector.zero(D);
        DoubleVector c41 = DoubleVector.zero(D);
        DoubleVector c50 = DoubleVector.zero(D);
        DoubleVector c51 = DoubleVector.zero(D);
        int stepA = reversed ? -DoubleGemm.MR : DoubleGemm.MR;
        int stepB = reversed ? -DoubleGemm.NR : DoubleGemm.NR;
        if (reversed) {
            ai += (kc - 1) * DoubleGemm.MR;
            bi += (kc - 1) * DoubleGemm.NR;
        }
        for (int k = 0; k < kc; k++) {
            DoubleVector b0 = DoubleVector.fromArray(D, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(D, b, bi + L);
            DoubleVector x;
            x = DoubleVector.broadcast(D, a[ai + 0]);
            c00 = round(b0.fma(x, c00));
            c01 = round(b1.fma(x, c01));
            x = DoubleVector.broadcast(D, a[ai + 1]);
            c10 = round(b0.fma(x, c10));
            c11 = round(b1.fma(x, c11));
            x = DoubleVector.broadcast(D, a[ai + 2]);
            c20 = round(b0.fma(x, c20));
            c21 = round(b1.fma(x, c21));
            x = DoubleVector.broadcast(D, a[ai + 3]);
            c30 = round(b0.fma(x, c30));
            c31 = round(b1.fma(x, c31));
            x = DoubleVector.broadcast(D, a[ai + 4]);
            c40 = round(b0.fma(x, c40));
            c41 = round(b1.fma(x, c41));
            x = DoubleVector.broadcast(D, a[ai + 5]);
            c50 = round(b0.fma(x, c50));
            c51 = round(b1.fma(x, c51));
            ai += stepA;
            bi += stepB;
        }
        addInto(c00, c, ci + 0 * ldc);
        addInto(c01, c, ci + 0 * ldc + L);
        addInto(c10, c, ci + 1 * ldc);
        addInto(c11, c, ci + 1 * ldc + L);
        addInto(c20, c, ci + 2 * ldc);
        addInto(c21, c, ci + 2 * ldc + L);
        addInto(c30, c, ci + 3 * ldc);
        addInto(c31, c, ci + 3 * ldc + L);
        addInto(c40, c, ci + 4 * ldc);
        addInto(c41, c, ci + 4 * ldc + L);
        addInto(c50, c, ci + 5 * ldc);
        addInto(c51, c, ci + 5 * ldc + L);
    }
}
