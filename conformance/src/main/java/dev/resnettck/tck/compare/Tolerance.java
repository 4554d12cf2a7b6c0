package dev.resnettck.tck.compare;

/** The pass rule: {@code |actual - expected| <= atol + rtol * |expected|}, elementwise (torch's allclose). */
public record Tolerance(double atol, double rtol) {

    /** The suite's rule: rtol = atol = 1e-5. It is never loosened. */
    public static final Tolerance DEFAULT = new Tolerance(1e-5, 1e-5);

    public boolean accepts(double actual, double expected) {
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }

    @Override
    public String toString() {
        return "|a-b| <= " + atol + " + " + rtol + "*|b|";
    }
}
