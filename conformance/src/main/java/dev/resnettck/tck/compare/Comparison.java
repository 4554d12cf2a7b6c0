package dev.resnettck.tck.compare;

import java.util.Arrays;

/**
 * The outcome of comparing one tensor with its reference, at both levels of the pass rule
 * ({@link Tolerance}): {@code passed} is the certifying verdict, {@code strict} whether every
 * element met the strict rule; {@code failures} counts the elements outside the strict rule and
 * {@code bound} is the tensor's float32 bound (0: no float32 run, the strict rule alone decides).
 * {@code maxUlp} counts units in the last place of the float32 expected value, over elements whose
 * magnitude is above atol, against {@code ulpBudget}, a shape-derived allowance; it informs only.
 */
public record Comparison(String what, boolean passed, boolean strict, double maxAbs, double maxRel, double maxUlp,
                         double ulpBudget, int failures, int count, double bound, double factor, double outsideStrictMax,
                         String worst, String problem) {

    /** A comparison with no float32 bound: strict and certifying are the same verdict. */
    public Comparison(String what, boolean passed, double maxAbs, double maxRel, double maxUlp, double ulpBudget,
                      int failures, int count, String worst, String problem) {
        this(what, passed, passed, maxAbs, maxRel, maxUlp, ulpBudget, failures, count, 0, Tolerance.FLOAT32_FACTOR, 0, worst,
                problem);
    }

    /** The implementation's max error over the float32 bound it was held to (NaN: no bound). */
    public double boundRatio() {
        return bound > 0 ? maxAbs / bound : Double.NaN;
    }

    /**
     * The smallest factor (this comparison's is {@code factor}) under which this tensor would still pass: the
     * largest error among elements outside the strict rule, in units of the float32 noise (0 when
     * every element met the strict rule; infinite when such an element met a zero noise).
     */
    public double neededFactor() {
        if (outsideStrictMax == 0) {
            return 0;
        }
        return bound > 0 ? factor * outsideStrictMax / bound : Double.POSITIVE_INFINITY;
    }

    public String summary() {
        if (problem != null) {
            return what + " FAILED: " + problem;
        }
        String verdict = passed ? (strict ? " ok" : " ok within the float32 bound") : " FAILED";
        String head = what + verdict + String.format(
                ": max abs %.3e, max rel %.3e, max ULP %.1f (budget %.0f), %d/%d elements outside the strict rule",
                maxAbs, maxRel, maxUlp, ulpBudget, failures, count);
        String f32 = bound > 0 ? String.format(", float32 bound %.3e (ratio %.2f)", bound, boundRatio())
                : failures > 0 ? ", no float32 bound (the float32 reference is exact here, or was not finite)" : "";
        return head + f32 + (passed ? "" : "; worst " + worst);
    }

    static Comparison shapeMismatch(String what, int[] actual, int[] expected) {
        return new Comparison(what, false, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, "",
                "shape " + Arrays.toString(actual) + " but the reference has " + Arrays.toString(expected));
    }
}
