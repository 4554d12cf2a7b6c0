package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.Backend;
import dev.resnettck.kernels.plain.PlainBatchNorm;

/**
 * The fast kernels as one backend, all cores. The default ({@code fast}) sums in float32 as ordinary
 * float32 kernels do, on channels-last activations: {@link ChannelsLastConv} reads receptive fields
 * in place, and {@link ChannelsLastBatchNorm} and {@link ChannelsLastPool} work with the channels in
 * vector lanes; {@code fast-float32-reversed} is the same over the opposite summation order. {@code
 * fast-float64} is the NCHW GEMM engine ({@link FastConv}) with double accumulators (each output
 * rounded once: the strict level bit for bit, at half the vector width), with the plain batch norm on
 * the pool and {@link FastPool}. Batch norm and pooling compute the plain kernels' sums in the plain
 * kernels' order in every build, so they agree bit for bit there.
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
        if (accumulation == Accumulation.FLOAT64) {
            return new Backend(name, new FastConv(accumulation), new PlainBatchNorm(Parallel::forEach), new FastPool(),
                    new FastLinear(accumulation));
        }
        return new Backend(name, new ChannelsLastConv(accumulation), new ChannelsLastBatchNorm(), new ChannelsLastPool(),
                new FastLinear(accumulation));
    }
}
