package dev.resnettck.reference;

/**
 * The dtype the reference computes in. Inputs are float32 values, widened exactly. FLOAT64 is the
 * oracle for conformance: its result is the float32 problem's exact answer to about 1e-16, so the
 * tolerance measures the implementation's error alone. FLOAT32 is torch's everyday arithmetic
 * (training the gate's reference, benchmarks).
 */
public enum Precision {
    FLOAT32,
    FLOAT64,
    /**
     * float64 arithmetic inside every op, with each op's result rounded to a float32 value: what a
     * correctly rounded float32 implementation stores between layers (gradients flow back
     * unrounded). The oracle for blocks and whole models, where exact
     * float64 activations would charge the unavoidable float32 storage of intermediate results to
     * the implementation.
     */
    FLOAT64_ROUNDED
}
