package dev.resnettck.tck.compare;

/**
 * The pass rule, at two levels.
 *
 * <p><b>Strict</b>: {@code |actual - expected| <= atol + rtol * |expected|}, elementwise (torch's
 * allclose, atol = rtol = 1e-5), against the correctly rounded oracle. Evaluated and reported for
 * every tensor.
 *
 * <p><b>Certifying</b>: an element passes when it meets the strict rule, or when its error is within
 * the tensor's float32 bound: {@link #FLOAT32_FACTOR} times the float32 noise of that tensor on
 * that case, i.e. the largest error (over the tensor) of the reference's own float32 run (libtorch
 * float32) against the oracle. The bound is per tensor, never per element, so an element that
 * float32 happens to round exactly does not set a zero bound; where the float32 run is exact (ReLU,
 * pooling, copies) the bound is 0 and the certifying level is the strict one.
 */
public record Tolerance(double atol, double rtol) {

    /** The suite's rule: rtol = atol = 1e-5. */
    public static final Tolerance DEFAULT = new Tolerance(1e-5, 1e-5);

    /**
     * How many times libtorch's own float32 error a certified tensor may be off. Fixed once by
     * measurement (README, "What is certified, and how"): over seeds 1-20 the correct float32
     * implementations (libtorch's float32 layers, the built-in kernels accumulating in float,
     * the same products summed in reverse order) reached at most the ratio reported there; this
     * factor leaves a margin over it, and planted faults sized just beyond float32 noise still
     * exceed it.
     */
    public static final double FLOAT32_FACTOR = 8;

    public boolean accepts(double actual, double expected) {
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }

    /** The certifying bound of a tensor whose float32 reference run is {@code float32Noise} off the oracle. */
    public static double float32Bound(double float32Noise) {
        return FLOAT32_FACTOR * float32Noise;
    }

    @Override
    public String toString() {
        return "|a-b| <= " + atol + " + " + rtol + "*|b|";
    }

    /** The certifying rule in words, for certificates and manifests. */
    public static String certifyingRule() {
        return DEFAULT + " elementwise, or |a-b| <= " + (int) FLOAT32_FACTOR
                + " x (the tensor's float32 noise: max |torch float32 - oracle| over the tensor)";
    }
}
