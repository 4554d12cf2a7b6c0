package dev.resnettck.kernels.fast;

/**
 * How {@link DoubleGemm} sums its products. {@code FLOAT64}: double accumulators, each output
 * rounded to float once (the default, correctly rounded to within an ulp). {@code FLOAT32}: every
 * partial sum rounded to float32's 24-bit significand after each fused multiply-add, as a float32
 * kernel accumulates, in depth blocks of up to 256 whose sums are added in float. {@code FLOAT32_REVERSED}: the
 * same, over the same products in the opposite
 * order (depth blocks last to first, each block from its last product to its first).
 */
public enum Accumulation {
    FLOAT64,
    FLOAT32,
    FLOAT32_REVERSED
}
