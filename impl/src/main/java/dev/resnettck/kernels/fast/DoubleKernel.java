package dev.resnettck.kernels.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm}'s register tile with double accumulators: float32 products are exact in double, so
 * every output is one sum rounded to float once, near-correctly. 6 x 2L: 12 vector accumulators,
 * two B vectors and one broadcast per step. Panels are the packed floats widened to double.
 */
final class DoubleKernel {
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final int L = D.length();
    static final int NR = 2 * L;
    static final int MR = 6;

    private DoubleKernel() {
    }

    /** Adds the MR x NR tile's products over {@code kc} depths into {@code c}. */
    static void run(int kc, double[] a, int ai, double[] b, int bi, double[] c, int ci, int ldc) {
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
}
