package dev.resnettck.kernels.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 16 x 16 block of floats transposed in vector registers, for packing weights into lane panels: 16
 * rows are read one vector each, and each column is written as one vector. Four rounds of two-vector
 * lane selections, each swapping off-diagonal blocks of 8, then 4, 2 and 1 lanes, turn rows into
 * columns. Packing a 2048->512 1x1 convolution's weights for the forward this way took 0.31 ms against
 * 1.02 ms reading one float at a time a weight row apart (PackTimes, 2 threads, alternating builds, the
 * same floats in the same places); weight rows 8 KB apart share one L1 set, the likely reason.
 *
 * <p>Written out for 16 lanes (AVX-512): {@link #suits()} says whether this CPU's vectors are that
 * wide; where they are not, callers pack one float at a time.
 */
final class Transpose16 {
    static final int N = 16;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    /** Per round (block size 8, 4, 2, 1): the lanes the first and the second row of a pair take from both. */
    private static final FloatVector[] LOW = new FloatVector[4];
    private static final FloatVector[] HIGH = new FloatVector[4];

    static {
        for (int round = 0; round < 4; round++) {
            int d = 8 >> round;
            float[] low = new float[N];
            float[] high = new float[N];
            for (int lane = 0; lane < N; lane++) { // indices below N pick from the first row, the rest from the second
                low[lane] = (lane & d) == 0 ? lane : N + lane - d;
                high[lane] = (lane & d) == 0 ? lane + d : N + lane;
            }
            LOW[round] = FloatVector.fromArray(F, low, 0);
            HIGH[round] = FloatVector.fromArray(F, high, 0);
        }
    }

    private Transpose16() {
    }

    /** Whether this CPU's preferred vectors have 16 float lanes (else the selections would not be single instructions). */
    static boolean suits() {
        return Tile.L == N;
    }

    /**
     * {@code dst[to[c] + r] = src[from + r * stride + c]} for rows r and columns c in [0, 16); a column
     * whose {@code to[c]} is negative is not written. Every {@code src[from + r * stride + c]} must exist.
     */
    static void columns(float[] src, int from, int stride, float[] dst, int[] to) {
        // sixteen named vectors, not an array of them: with an array the JIT kept them in memory (a throwaway
        // harness packing 2048->512 1x1, without PackTimes' hashing between calls: 1.32 ms against 0.17)
        FloatVector v0 = FloatVector.fromArray(F, src, from + 0 * stride);
        FloatVector v1 = FloatVector.fromArray(F, src, from + 1 * stride);
        FloatVector v2 = FloatVector.fromArray(F, src, from + 2 * stride);
        FloatVector v3 = FloatVector.fromArray(F, src, from + 3 * stride);
        FloatVector v4 = FloatVector.fromArray(F, src, from + 4 * stride);
        FloatVector v5 = FloatVector.fromArray(F, src, from + 5 * stride);
        FloatVector v6 = FloatVector.fromArray(F, src, from + 6 * stride);
        FloatVector v7 = FloatVector.fromArray(F, src, from + 7 * stride);
        FloatVector v8 = FloatVector.fromArray(F, src, from + 8 * stride);
        FloatVector v9 = FloatVector.fromArray(F, src, from + 9 * stride);
        FloatVector v10 = FloatVector.fromArray(F, src, from + 10 * stride);
        FloatVector v11 = FloatVector.fromArray(F, src, from + 11 * stride);
        FloatVector v12 = FloatVector.fromArray(F, src, from + 12 * stride);
        FloatVector v13 = FloatVector.fromArray(F, src, from + 13 * stride);
        FloatVector v14 = FloatVector.fromArray(F, src, from + 14 * stride);
        FloatVector v15 = FloatVector.fromArray(F, src, from + 15 * stride);
        FloatVector low8 = LOW[0];
        FloatVector high8 = HIGH[0];
        FloatVector t0x8 = low8.selectFrom(v0, v8);
        v8 = high8.selectFrom(v0, v8);
        v0 = t0x8;
        FloatVector t1x9 = low8.selectFrom(v1, v9);
        v9 = high8.selectFrom(v1, v9);
        v1 = t1x9;
        FloatVector t2x10 = low8.selectFrom(v2, v10);
        v10 = high8.selectFrom(v2, v10);
        v2 = t2x10;
        FloatVector t3x11 = low8.selectFrom(v3, v11);
        v11 = high8.selectFrom(v3, v11);
        v3 = t3x11;
        FloatVector t4x12 = low8.selectFrom(v4, v12);
        v12 = high8.selectFrom(v4, v12);
        v4 = t4x12;
        FloatVector t5x13 = low8.selectFrom(v5, v13);
        v13 = high8.selectFrom(v5, v13);
        v5 = t5x13;
        FloatVector t6x14 = low8.selectFrom(v6, v14);
        v14 = high8.selectFrom(v6, v14);
        v6 = t6x14;
        FloatVector t7x15 = low8.selectFrom(v7, v15);
        v15 = high8.selectFrom(v7, v15);
        v7 = t7x15;
        FloatVector low4 = LOW[1];
        FloatVector high4 = HIGH[1];
        FloatVector t0x4 = low4.selectFrom(v0, v4);
        v4 = high4.selectFrom(v0, v4);
        v0 = t0x4;
        FloatVector t1x5 = low4.selectFrom(v1, v5);
        v5 = high4.selectFrom(v1, v5);
        v1 = t1x5;
        FloatVector t2x6 = low4.selectFrom(v2, v6);
        v6 = high4.selectFrom(v2, v6);
        v2 = t2x6;
        FloatVector t3x7 = low4.selectFrom(v3, v7);
        v7 = high4.selectFrom(v3, v7);
        v3 = t3x7;
        FloatVector t8x12 = low4.selectFrom(v8, v12);
        v12 = high4.selectFrom(v8, v12);
        v8 = t8x12;
        FloatVector t9x13 = low4.selectFrom(v9, v13);
        v13 = high4.selectFrom(v9, v13);
        v9 = t9x13;
        FloatVector t10x14 = low4.selectFrom(v10, v14);
        v14 = high4.selectFrom(v10, v14);
        v10 = t10x14;
        FloatVector t11x15 = low4.selectFrom(v11, v15);
        v15 = high4.selectFrom(v11, v15);
        v11 = t11x15;
        FloatVector low2 = LOW[2];
        FloatVector high2 = HIGH[2];
        FloatVector t0x2 = low2.selectFrom(v0, v2);
        v2 = high2.selectFrom(v0, v2);
        v0 = t0x2;
        FloatVector t1x3 = low2.selectFrom(v1, v3);
        v3 = high2.selectFrom(v1, v3);
        v1 = t1x3;
        FloatVector t4x6 = low2.selectFrom(v4, v6);
        v6 = high2.selectFrom(v4, v6);
        v4 = t4x6;
        FloatVector t5x7 = low2.selectFrom(v5, v7);
        v7 = high2.selectFrom(v5, v7);
        v5 = t5x7;
        FloatVector t8x10 = low2.selectFrom(v8, v10);
        v10 = high2.selectFrom(v8, v10);
        v8 = t8x10;
        FloatVector t9x11 = low2.selectFrom(v9, v11);
        v11 = high2.selectFrom(v9, v11);
        v9 = t9x11;
        FloatVector t12x14 = low2.selectFrom(v12, v14);
        v14 = high2.selectFrom(v12, v14);
        v12 = t12x14;
        FloatVector t13x15 = low2.selectFrom(v13, v15);
        v15 = high2.selectFrom(v13, v15);
        v13 = t13x15;
        FloatVector low1 = LOW[3];
        FloatVector high1 = HIGH[3];
        FloatVector t0x1 = low1.selectFrom(v0, v1);
        v1 = high1.selectFrom(v0, v1);
        v0 = t0x1;
        FloatVector t2x3 = low1.selectFrom(v2, v3);
        v3 = high1.selectFrom(v2, v3);
        v2 = t2x3;
        FloatVector t4x5 = low1.selectFrom(v4, v5);
        v5 = high1.selectFrom(v4, v5);
        v4 = t4x5;
        FloatVector t6x7 = low1.selectFrom(v6, v7);
        v7 = high1.selectFrom(v6, v7);
        v6 = t6x7;
        FloatVector t8x9 = low1.selectFrom(v8, v9);
        v9 = high1.selectFrom(v8, v9);
        v8 = t8x9;
        FloatVector t10x11 = low1.selectFrom(v10, v11);
        v11 = high1.selectFrom(v10, v11);
        v10 = t10x11;
        FloatVector t12x13 = low1.selectFrom(v12, v13);
        v13 = high1.selectFrom(v12, v13);
        v12 = t12x13;
        FloatVector t14x15 = low1.selectFrom(v14, v15);
        v15 = high1.selectFrom(v14, v15);
        v14 = t14x15;
        store(v0, dst, to[0]);
        store(v1, dst, to[1]);
        store(v2, dst, to[2]);
        store(v3, dst, to[3]);
        store(v4, dst, to[4]);
        store(v5, dst, to[5]);
        store(v6, dst, to[6]);
        store(v7, dst, to[7]);
        store(v8, dst, to[8]);
        store(v9, dst, to[9]);
        store(v10, dst, to[10]);
        store(v11, dst, to[11]);
        store(v12, dst, to[12]);
        store(v13, dst, to[13]);
        store(v14, dst, to[14]);
        store(v15, dst, to[15]);
    }

    private static void store(FloatVector column, float[] dst, int at) {
        if (at >= 0) {
            column.intoArray(dst, at);
        }
    }
}
