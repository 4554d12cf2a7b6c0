package dev.resnettck.tck.builtin;

import dev.resnettck.kernels.Backend;
import dev.resnettck.kernels.fast.Accumulation;
import dev.resnettck.kernels.fast.FastBackend;
import dev.resnettck.kernels.fast.Parallel;
import dev.resnettck.layers.BuiltinLayers;
import dev.resnettck.nn.LayerFactories;
import dev.resnettck.tck.spi.TckImplementation;
import java.util.Map;

/**
 * The default implementation: impl's fast kernels (Vector API GEMM accumulating in float32, every
 * core). With another {@link Accumulation} the same engine sums with double accumulators
 * ({@code fast-float64}: the strict level bit for bit) or in float32 over the same products in the
 * opposite order ({@code fast-float32-reversed}); both registered by {@link FastVariantImplementations}.
 */
public final class FastImplementation implements TckImplementation {
    private final Accumulation accumulation;
    private final Backend backend;
    private final LayerFactories layers;

    public FastImplementation() {
        this(Accumulation.FLOAT32);
    }

    public FastImplementation(Accumulation accumulation) {
        this.accumulation = accumulation;
        this.backend = FastBackend.create(accumulation);
        this.layers = BuiltinLayers.factories(backend);
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public String version() {
        return BuiltinVersion.get();
    }

    @Override
    public String description() {
        return "resnet-tck impl, fast kernels: blocked GEMM on the Vector API with " + switch (accumulation) {
            case FLOAT64 -> "double accumulators";
            case FLOAT32 -> "float32 accumulation (fused multiply-adds in float, depth blocks summed in float)";
            case FLOAT32_REVERSED -> "float32 accumulation over the products in reverse order";
        } + ", " + Parallel.threads() + " threads";
    }

    @Override
    public LayerFactories layers() {
        return layers;
    }

    @Override
    public Map<String, String> configuration() {
        return Map.of("threads", Integer.toString(Parallel.threads()), "accumulation", switch (accumulation) {
                    case FLOAT64 -> "float64";
                    case FLOAT32 -> "float32 (convolution and linear GEMMs; batch norm sums in float64)";
                    case FLOAT32_REVERSED -> "float32, reverse order (convolution and linear GEMMs; batch norm sums in float64)";
                },
                "vector species", (accumulation == Accumulation.FLOAT64 ? jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED
                        : jdk.incubator.vector.FloatVector.SPECIES_PREFERRED).toString());
    }
}
