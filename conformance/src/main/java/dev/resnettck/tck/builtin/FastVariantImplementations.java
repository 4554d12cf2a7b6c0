package dev.resnettck.tck.builtin;

import dev.resnettck.kernels.fast.Accumulation;
import dev.resnettck.tck.spi.ImplementationProvider;
import dev.resnettck.tck.spi.TckImplementation;
import java.util.List;

/**
 * The fast kernels' other builds: {@code fast-float64} (double accumulators, the strict level bit
 * for bit) and {@code fast-float32-reversed} (float32 over the same products in reverse order, a
 * second ordinary float32 arithmetic that the certifying level must certify: must-pass with
 * {@code fast}).
 */
public final class FastVariantImplementations implements ImplementationProvider {
    @Override
    public List<TckImplementation> implementations() {
        return List.of(new FastImplementation(Accumulation.FLOAT64), new FastImplementation(Accumulation.FLOAT32_REVERSED));
    }
}
