package dev.resnettck.tck.layers;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A float32 reference run is trusted only when it can be rounding of the oracle's case: within
 * 2^-7 of each tensor's largest magnitude. libtorch's broken few-channel input gradient (measured:
 * NaN, or elements missing whole contributions) is refused; float32 rounding, even amplified a
 * thousandfold, is not.
 */
class Float32RunsTest {

    private static Outcome outcome(double... gradInput) {
        Outcome o = Outcome.empty();
        o.put("output", new double[] {1.5, -2.0}, new int[] {2});
        o.put("grad/input", gradInput, new int[] {gradInput.length});
        return o;
    }

    @Test
    void roundingIsPlausible() {
        Outcome oracle = outcome(0.7162235409195148, 0.03781572194104332, -0.25);
        float x = (float) 0.03781572194104332;
        assertNull(Float32Runs.problem(oracle, outcome(0.7162235409195148, x, -0.25)));
        assertNull(Float32Runs.problem(oracle, outcome(0.7162235409195148 + 1e3 * Math.ulp(0.71f), x, -0.25)),
                "a thousand ulps of amplification is still rounding");
    }

    @Test
    void nanAndMissingContributionsAreNot() {
        Outcome oracle = outcome(0.7162235409195148, 0.03781572194104332, -0.25);
        String nan = Float32Runs.problem(oracle, outcome(0.7162235409195148, Double.NaN, -0.25));
        assertNotNull(nan);
        assertTrue(nan.contains("grad/input element 1 is NaN"), nan);
        String missing = Float32Runs.problem(oracle, outcome(0.7162235409195148, 0.0, -0.25));
        assertNotNull(missing, "an element that lost its only contribution (the libtorch fault measured here)");
        assertTrue(missing.contains("scale is 0.716"), missing);
    }

    @Test
    void anOracleThatIsNotFiniteIsNotHeldAgainstTheRun() {
        Outcome oracle = outcome(Double.POSITIVE_INFINITY, 0.5);
        assertNull(Float32Runs.problem(oracle, outcome(Double.NaN, 0.5)));
    }
}
