package dev.resnettck.tck.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured operation and what each contestant took: milliseconds per call with JMH's 99.9%
 * error, and the nominal floating-point operations of one call (2 per multiply-accumulate).
 */
public record BenchRow(String name, double flops, Map<String, double[]> millis) {

    public BenchRow(String name, double flops) {
        this(name, flops, new LinkedHashMap<>());
    }

    /** How many times faster the fast kernels are than {@code other} (above 1: faster), and its spread. */
    public double[] speedup(String other) {
        return speedup("fast", other);
    }

    /** How many times faster {@code contestant} is than {@code other} (above 1: faster), and its spread. */
    public double[] speedup(String contestant, String other) {
        double[] mine = millis.get(contestant);
        double[] theirs = millis.get(other);
        if (mine == null || theirs == null) {
            return null;
        }
        double ratio = theirs[0] / mine[0];
        double relative = Math.sqrt(square(relError(mine)) + square(relError(theirs)));
        return new double[] {ratio, ratio * relative};
    }

    public double gflops(String contestant) {
        double[] t = millis.get(contestant);
        return t == null ? Double.NaN : flops / (t[0] * 1e6);
    }

    /** NaN where a figure has no spread (a single round): the ratio's spread is then unknown, not zero. */
    private static double relError(double[] t) {
        return t[1] / t[0];
    }

    private static double square(double v) {
        return v * v;
    }
}
