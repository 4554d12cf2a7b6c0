package dev.resnettck.tck.compare;

import java.util.Arrays;

/**
 * The outcome of comparing one tensor with its reference: the verdict under the tolerance and the
 * error figures the report shows. {@code maxUlp} counts units in the last place of the float32
 * expected value, over elements whose magnitude is above atol (below it atol governs), against
 * {@code ulpBudget}, a shape-derived allowance that shows headroom; it does not decide the verdict.
 */
public record Comparison(String what, boolean passed, double maxAbs, double maxRel, double maxUlp, double ulpBudget,
                         int failures, int count, String worst, String problem) {

    public String summary() {
        String head = what + (passed ? " ok" : " FAILED") + String.format(
                ": max abs %.3e, max rel %.3e, max ULP %.1f (budget %.0f), %d/%d elements outside the rule",
                maxAbs, maxRel, maxUlp, ulpBudget, failures, count);
        return problem == null ? head + (passed ? "" : "; worst " + worst) : what + " FAILED: " + problem;
    }

    static Comparison shapeMismatch(String what, int[] actual, int[] expected) {
        return new Comparison(what, false, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, "",
                "shape " + Arrays.toString(actual) + " but the reference has " + Arrays.toString(expected));
    }
}
