package dev.resnettck.reference;

/**
 * The dtype the reference computes in. Inputs are float32 values, widened exactly. FLOAT64 is the
 * oracle for conformance: its result is the float32 problem's exact answer to about 1e-16, so the
 * tolerance measures the implementation's error alone. FLOAT32 is torch's everyday arithmetic
 * (training the gate's reference, benchmarks).
 */
public enum Precision {
    FLOAT32,
    /**
     * float32 with every convolution written out as an explicit im2col GEMM (padding, one strided
     * slice per tap, a matrix product, and autograd through them), bypassing libtorch's convolution
     * kernels: another ordinary float32 convolution, for where those kernels are broken (libtorch
     * 2.7.1's oneDNN gives NaN and wrong input gradients for few-channel convolutions on some CPUs,
     * see {@code Float32Runs} in the suite).
     */
    FLOAT32_UNFOLDED,
    FLOAT64,
    /**
     * float64 arithmetic inside every op, with each op's result rounded to a float32 value: what a
     * correctly rounded float32 implementation stores between layers (gradients flow back
     * unrounded). The oracle for blocks and whole models, where exact
     * float64 activations would charge the unavoidable float32 storage of intermediate results to
     * the implementation.
     */
    FLOAT64_ROUNDED;

    /** Whether tensors are float32 (else float64). */
    public boolean isFloat32() {
        return this == FLOAT32 || this == FLOAT32_UNFOLDED;
    }
}
