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
        return create(Accumulation.FLOAT64);
    }

    /** The same kernels with another accumulation (the float32 builds that show float32 numerics certify). */
    public static Backend create(Accumulation accumulation) {
        String name = accumulation == Accumulation.FLOAT64 ? "fast" : "fast-" + accumulation.name().toLowerCase(
                java.util.Locale.ROOT).replace('_', '-');
        return new Backend(name, new FastConv(accumulation), new PlainBatchNorm(Parallel::forEach), new FastPool(),
                new FastLinear(accumulation));
    }
}
