package dev.resnettck.reference;

/**
 * The dtype the reference computes in. Inputs are float32 values, widened exactly. FLOAT64 is the
 * oracle for conformance: its result is the float32 problem's exact answer to about 1e-16, so the
 * tolerance measures the implementation's error alone. FLOAT32 is torch's everyday arithmetic
 * (training the gate's reference, benchmarks).
 */
public enum Precision {
    FLOAT32,
    FLOAT64
}
