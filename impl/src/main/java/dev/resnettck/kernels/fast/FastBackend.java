package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.Backend;
import dev.resnettck.kernels.plain.PlainBatchNorm;

/**
 * The fast kernels as one backend: Vector API GEMM with double accumulators, all cores. Batch norm
 * is the plain kernel with its channels spread over the pool: it is memory-bound, and sharing the
 * code keeps the two bit-identical by construction.
 */
public final class FastBackend {
    private FastBackend() {
    }

    public static Backend create() {
        return new Backend("fast", new FastConv(), new PlainBatchNorm(Parallel::forEach), new FastPool(), new FastLinear());
    }
}
