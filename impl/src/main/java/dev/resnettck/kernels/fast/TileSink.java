package dev.resnettck.kernels.fast;

/** Receives finished output tiles: {@code c[(m - m0) * ldc + (n - n0)]}, complete sums in double. */
@FunctionalInterface
interface TileSink {
    void accept(int m0, int mCount, int n0, int nCount, double[] c, int ldc);
}
