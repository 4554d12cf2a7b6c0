package dev.resnettck.tck.compare;

import dev.resnettck.tensor.Tensor;
import java.util.Arrays;

/** The one comparison every check uses: shape, then every element under the tolerance. */
public final class Compare {
    private Compare() {
    }

    /** Strict only: for quantities that have no float32 reference run (preprocessing, schedules). */
    public static Comparison tensors(String what, Tensor actual, double[] expected, int[] expectedShape,
                                     double ulpBudget, Tolerance tolerance) {
        return tensors(what, actual, expected, expectedShape, ulpBudget, tolerance, 0);
    }

    /** Both levels: {@code float32Noise} is the tensor's {@link Float32Noise} on this case. */
    public static Comparison tensors(String what, Tensor actual, double[] expected, int[] expectedShape,
                                     double ulpBudget, Tolerance tolerance, double float32Noise) {
        return tensors(what, actual, expected, expectedShape, ulpBudget, tolerance, float32Noise, Tolerance.FLOAT32_FACTOR);
    }

    public static Comparison tensors(String what, Tensor actual, double[] expected, int[] expectedShape,
                                     double ulpBudget, Tolerance tolerance, double float32Noise, double factor) {
        if (!Arrays.equals(actual.shape(), expectedShape)) {
            return Comparison.shapeMismatch(what, actual.shape(), expectedShape);
        }
        return arrays(what, actual.toArray(), expected, expectedShape, ulpBudget, tolerance, float32Noise, factor);
    }

    /** Strict only. */
    public static Comparison arrays(String what, float[] actual, double[] expected, int[] shape, double ulpBudget,
                                    Tolerance tolerance) {
        return arrays(what, actual, expected, shape, ulpBudget, tolerance, 0);
    }

    /**
     * Every element under both levels: it passes when it meets the strict rule or lies within the
     * tensor's float32 bound ({@link Tolerance#float32Bound}).
     */
    public static Comparison arrays(String what, float[] actual, double[] expected, int[] shape, double ulpBudget,
                                    Tolerance tolerance, double float32Noise) {
        return arrays(what, actual, expected, shape, ulpBudget, tolerance, float32Noise, Tolerance.FLOAT32_FACTOR);
    }

    /** As above, with another factor than {@link Tolerance#FLOAT32_FACTOR}. */
    public static Comparison arrays(String what, float[] actual, double[] expected, int[] shape, double ulpBudget,
                                    Tolerance tolerance, double float32Noise, double factor) {
        if (actual.length != expected.length) {
            return Comparison.shapeMismatch(what, new int[] {actual.length}, new int[] {expected.length});
        }
        double bound = Double.isFinite(float32Noise) ? factor * float32Noise : 0;
        double maxAbs = 0, maxRel = 0, maxUlp = 0, worstExcess = -1, outsideStrictMax = 0;
        double worstBeyond = 0;
        int failures = 0, beyondBound = 0, worstAt = -1, worstBeyondAt = -1;
        for (int i = 0; i < actual.length; i++) {
            double a = actual[i];
            double b = expected[i];
            if (!Double.isFinite(b)) {
                return new Comparison(what, false, Double.NaN, Double.NaN, Double.NaN, ulpBudget, 0, actual.length, "",
                        "the reference value is " + b + " at " + index(i, shape) + ": the case is not finite");
            }
            if (!Double.isFinite(a)) {
                return new Comparison(what, false, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY, ulpBudget, 1, actual.length, "",
                        "the implementation gave " + actual[i] + " at " + index(i, shape) + " where the reference has " + b);
            }
            double err = Math.abs(a - b);
            maxAbs = Math.max(maxAbs, err);
            if (b != 0) {
                maxRel = Math.max(maxRel, err / Math.abs(b));
            }
            if (Math.abs(b) > tolerance.atol()) {
                maxUlp = Math.max(maxUlp, err / Math.ulp((float) Math.abs(b)));
            }
            double excess = err - (tolerance.atol() + tolerance.rtol() * Math.abs(b));
            if (excess > 0) {
                failures++;
                outsideStrictMax = Math.max(outsideStrictMax, err);
                if (err > bound) {
                    beyondBound++;
                    if (err - bound > worstBeyond) {
                        worstBeyond = err - bound;
                        worstBeyondAt = i;
                    }
                }
            }
            if (excess > worstExcess) {
                worstExcess = excess;
                worstAt = i;
            }
        }
        // a failing tensor points at the element furthest beyond both levels; a passing one at its largest strict excess
        int shown = worstBeyondAt >= 0 ? worstBeyondAt : worstAt;
        String worst = shown < 0 ? "" : "at " + index(shown, shape) + " got " + actual[shown] + ", expected " + expected[shown];
        return new Comparison(what, beyondBound == 0, failures == 0, maxAbs, maxRel, maxUlp, ulpBudget, failures,
                actual.length, bound, factor, outsideStrictMax, worst, null);
    }

    /** A flat row-major index as a multi-index, for messages. */
    public static String index(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        int rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            int size = Math.max(shape[d], 1);
            idx[d] = rest % size;
            rest /= size;
        }
        return Arrays.toString(idx);
    }
}
