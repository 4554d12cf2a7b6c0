package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.Backend;
import dev.resnettck.kernels.plain.PlainBatchNorm;

/**
 * The fast kernels as one backend: Vector API GEMM, all cores. The default ({@code fast}) sums in
 * float32 as ordinary float32 kernels do; {@code fast-float64} is the same engine with double
 * accumulators (each output rounded once: the strict level bit for bit, at half the vector width).
 * Batch norm is the plain kernel with its channels spread over the pool: it is memory-bound, and
 * sharing the code keeps the builds bit-identical there by construction.
 */
public final class FastBackend {
    private FastBackend() {
    }

    public static Backend create() {
        return create(Accumulation.FLOAT32);
    }

    /** The same kernels with another accumulation: {@code fast-float64}, {@code fast-float32-reversed}. */
    public static Backend create(Accumulation accumulation) {
        String name = accumulation == Accumulation.FLOAT32 ? "fast" : "fast-" + accumulation.name().toLowerCase(
                java.util.Locale.ROOT).replace('_', '-');
        return new Backend(name, new FastConv(accumulation), new PlainBatchNorm(Parallel::forEach), new FastPool(),
                new FastLinear(accumulation));
    }
}
