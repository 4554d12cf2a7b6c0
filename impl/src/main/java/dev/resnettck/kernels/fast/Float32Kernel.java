package dev.resnettck.kernels.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DoubleGemm}'s register tile with float32 accumulation: after every fused multiply-add the
 * partial sum is rounded to float32's 24-bit significand (Veltkamp splitting: {@code t = v * (2^29
 * + 1); v' = t - (t - v)}, round to nearest, exact for the normal range these sums stay in). The
 * products of float32 operands are exact in double, so each step is a float32 FMA. This is the
 * numerics of an ordinary float32 kernel, registered so the suite can show it certifies.
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

    /** The MR x NR tile over {@code kc} products, first to last or (reversed) last to first. */
    static void run(int kc, boolean reversed, double[] a, int ai, double[] b, int bi, double[] c, int ci, int ldc) {
        DoubleVector c00 = DoubleVector.fromArray(D, c, ci + 0 * ldc);
        DoubleVector c01 = DoubleVector.fromArray(D, c, ci + 0 * ldc + L);
        DoubleVector c10 = DoubleVector.fromArray(D, c, ci + 1 * ldc);
        DoubleVector c11 = DoubleVector.fromArray(D, c, ci + 1 * ldc + L);
        DoubleVector c20 = DoubleVector.fromArray(D, c, ci + 2 * ldc);
        DoubleVector c21 = DoubleVector.fromArray(D, c, ci + 2 * ldc + L);
        DoubleVector c30 = DoubleVector.fromArray(D, c, ci + 3 * ldc);
        DoubleVector c31 = DoubleVector.fromArray(D, c, ci + 3 * ldc + L);
        DoubleVector c40 = DoubleVector.fromArray(D, c, ci + 4 * ldc);
        DoubleVector c41 = DoubleVector.fromArray(D, c, ci + 4 * ldc + L);
        DoubleVector c50 = DoubleVector.fromArray(D, c, ci + 5 * ldc);
        DoubleVector c51 = DoubleVector.fromArray(D, c, ci + 5 * ldc + L);
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
        c00.intoArray(c, ci + 0 * ldc);
        c01.intoArray(c, ci + 0 * ldc + L);
        c10.intoArray(c, ci + 1 * ldc);
        c11.intoArray(c, ci + 1 * ldc + L);
        c20.intoArray(c, ci + 2 * ldc);
        c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc);
        c41.intoArray(c, ci + 4 * ldc + L);
        c50.intoArray(c, ci + 5 * ldc);
        c51.intoArray(c, ci + 5 * ldc + L);
    }
}
