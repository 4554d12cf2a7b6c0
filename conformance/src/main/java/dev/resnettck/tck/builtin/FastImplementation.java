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
 * The default implementation: impl's fast kernels (Vector API, double accumulators, every core).
 * With another {@link Accumulation} the same kernels sum in float32 ({@code fast-float32}, and
 * {@code fast-float32-reversed} over the same products in the opposite order): builds that exist to
 * show that ordinary float32 arithmetic is certified (registered by {@link FastFloat32Implementations}).
 */
public final class FastImplementation implements TckImplementation {
    private final Accumulation accumulation;
    private final Backend backend;
    private final LayerFactories layers;

    public FastImplementation() {
        this(Accumulation.FLOAT64);
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
            case FLOAT32 -> "float32 accumulation (every partial sum rounded to float32)";
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
                "vector species", jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.toString());
    }
}
