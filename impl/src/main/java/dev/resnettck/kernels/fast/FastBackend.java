package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.Backend;

/** The fast kernels as one backend: Vector API GEMM with double accumulators, all cores. */
public final class FastBackend {
    private FastBackend() {
    }

    public static Backend create() {
        return new Backend("fast", new FastConv(), new FastBatchNorm(), new FastPool(), new FastLinear());
    }
}
