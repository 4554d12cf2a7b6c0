package dev.resnettck.tck.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The two levels of the one comparison, on hand-checkable values. */
class CompareTest {
    private static final int[] SHAPE = {2};

    private static Comparison compare(float a, double b, double noise) {
        return Compare.arrays("t", new float[] {a, 1f}, new double[] {b, 1}, SHAPE, 0, Tolerance.DEFAULT, noise);
    }

    @Test
    void withinTheStrictRulePassesBothLevels() {
        Comparison c = compare(100.0005f, 100, 0);
        assertTrue(c.strict());
        assertTrue(c.passed());
        assertEquals(0, c.neededFactor());
    }

    @Test
    void outsideTheStrictRuleButWithinTheFloat32BoundPassesOnlyTheCertifyingLevel() {
        // strict allows 1e-5 + 1e-5 * 100 = 1.01e-3; the error is 2e-3; noise 5e-4 gives a bound of 4e-3
        Comparison c = compare(100.002f, 100, 5e-4);
        assertFalse(c.strict());
        assertTrue(c.passed());
        assertEquals(1, c.failures());
        assertEquals(8 * 5e-4, c.bound(), 1e-12);
        assertEquals(Math.abs(100.002f - 100.0) / 5e-4, c.neededFactor(), 1e-9);
    }

    @Test
    void beyondTheFloat32BoundFails() {
        Comparison c = compare(100.005f, 100, 5e-4);
        assertFalse(c.strict());
        assertFalse(c.passed());
    }

    @Test
    void aZeroNoiseLeavesTheStrictRuleAlone() {
        Comparison c = compare(100.002f, 100, 0);
        assertFalse(c.passed());
        assertEquals(Double.POSITIVE_INFINITY, c.neededFactor());
    }

    @Test
    void theNoiseIsPerTensorNotPerElement() {
        // the float32 run is exact on the first element and off by 1e-3 on the second: the bound is 8e-3 for both
        double noise = Float32Noise.of(new double[] {100, 50}, new double[] {100, 50.001});
        Comparison c = Compare.arrays("t", new float[] {100.004f, 50f}, new double[] {100, 50}, SHAPE, 0,
                Tolerance.DEFAULT, noise);
        assertTrue(c.passed(), c.summary());
    }

    @Test
    void aFailureNamesTheElementBeyondTheBoundNotTheLargestStrictExcess() {
        // bound 8e-4: element 0 (7e-4 off 0) has the larger strict excess but is within the bound;
        // element 1 (1.5e-3 off 100) is beyond it, and is the one the message must show
        Comparison c = Compare.arrays("t", new float[] {7e-4f, 100.0015f}, new double[] {0, 100}, SHAPE, 0,
                Tolerance.DEFAULT, 1e-4);
        assertFalse(c.passed());
        assertTrue(c.worst().startsWith("at [1]"), c.worst());
    }
}
