package dev.resnettck.tck.builtin;

import dev.resnettck.kernels.fast.FastBackend;
import dev.resnettck.kernels.fast.Parallel;
import dev.resnettck.layers.BuiltinLayers;
import dev.resnettck.nn.LayerFactories;
import dev.resnettck.tck.spi.TckImplementation;
import java.util.Map;

/** The default implementation: impl's fast kernels (Vector API, double accumulators, every core). */
public final class FastImplementation implements TckImplementation {
    private final LayerFactories layers = BuiltinLayers.factories(FastBackend.create());

    @Override
    public String name() {
        return "fast";
    }

    @Override
    public String version() {
        return BuiltinVersion.get();
    }

    @Override
    public String description() {
        return "resnet-tck impl, fast kernels: blocked GEMM on the Vector API with double accumulators, "
                + Parallel.threads() + " threads";
    }

    @Override
    public LayerFactories layers() {
        return layers;
    }

    @Override
    public Map<String, String> configuration() {
        return Map.of("threads", Integer.toString(Parallel.threads()), "accumulation", "float64",
                "vector species", jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.toString());
    }
}
