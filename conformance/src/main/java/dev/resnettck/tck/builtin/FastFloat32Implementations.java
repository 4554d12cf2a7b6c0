package dev.resnettck.tck.builtin;

import dev.resnettck.kernels.fast.Accumulation;
import dev.resnettck.tck.spi.ImplementationProvider;
import dev.resnettck.tck.spi.TckImplementation;
import java.util.List;

/**
 * The fast kernels accumulating in float32, in their own order and in reverse: ordinary float32
 * arithmetic, which the certifying level must certify (the calibration's must-pass set).
 */
public final class FastFloat32Implementations implements ImplementationProvider {
    @Override
    public List<TckImplementation> implementations() {
        return List.of(new FastImplementation(Accumulation.FLOAT32), new FastImplementation(Accumulation.FLOAT32_REVERSED));
    }
}
