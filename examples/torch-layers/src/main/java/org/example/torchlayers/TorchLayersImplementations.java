package org.example.torchlayers;

import dev.resnettck.reference.Precision;
import dev.resnettck.tck.spi.ImplementationProvider;
import dev.resnettck.tck.spi.TckImplementation;
import java.util.List;

/**
 * The example twice: "example-torch-layers" computes in float64 and rounds once (correctly rounded,
 * strict), "example-torch-layers-float32" is libtorch's own float32 arithmetic, which a calibrated
 * TCK must certify.
 */
public final class TorchLayersImplementations implements ImplementationProvider {
    @Override
    public List<TckImplementation> implementations() {
        return List.of(new TorchLayersImplementation("example-torch-layers", Precision.FLOAT64),
                new TorchLayersImplementation("example-torch-layers-float32", Precision.FLOAT32));
    }
}
