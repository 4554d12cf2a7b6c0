package dev.resnettck.kernels.fast;

/**
 * How {@link Gemm} sums its products. {@code FLOAT64}: double accumulators ({@link DoubleKernel}),
 * each output rounded to float once (correctly rounded to within an ulp). {@code FLOAT32}: a float32
 * kernel ({@link FloatKernel}): fused multiply-adds in float, in depth blocks of up to 128 summed
 * from zero whose sums are added in float. {@code FLOAT32_REVERSED}: the same, over the same
 * products in the opposite order (depth blocks last to first, each block from its last product to
 * its first).
 */
public enum Accumulation {
    FLOAT64,
    FLOAT32,
    FLOAT32_REVERSED
}
