package dev.resnettck.kernels.opencl;

/**
 * How the OpenCL kernels are built: the accumulator type and the compiler flags. Both change the
 * numerics, so implementations record them in their certificates.
 *
 * @param float64Accumulation sums in double (needs {@code cl_khr_fp64}) and rounds once, like impl's
 *                            CPU kernels; otherwise sums in float, as GPU code usually does
 * @param compilerFlags       passed to {@code clBuildProgram} besides the tile size and accumulator
 */
public record OpenClOptions(boolean float64Accumulation, String compilerFlags) {
    /** IEEE semantics: double accumulators, no contraction, no relaxed math. */
    public static final OpenClOptions STRICT = new OpenClOptions(true, "-cl-std=CL1.2");
    /** Ordinary float32 GPU code: float accumulators, IEEE semantics (no relaxed math). */
    public static final OpenClOptions FLOAT32 = new OpenClOptions(false, "-cl-std=CL1.2");
    /** What a speed-first GPU build does: float accumulators, relaxed math, fused multiply-adds. */
    public static final OpenClOptions FAST_MATH = new OpenClOptions(false,
            "-cl-std=CL1.2 -cl-fast-relaxed-math -cl-mad-enable");

    /** The full option string for a work-group tile of {@code tile x tile}. */
    public String buildOptions(int tile) {
        return compilerFlags + " -DTS=" + tile + (float64Accumulation ? " -DACC_DOUBLE" : "");
    }

    public String accumulation() {
        return float64Accumulation ? "float64" : "float32";
    }
}
