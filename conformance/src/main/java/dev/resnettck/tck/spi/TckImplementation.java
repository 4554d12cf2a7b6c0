package dev.resnettck.tck.spi;

import dev.resnettck.nn.LayerFactories;
import dev.resnettck.nn.Module;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.resnet.ResNets;
import java.util.Map;
import java.util.Optional;

/**
 * What an implementation plugs into the suite: its layer factories (from which the suite builds
 * every block and ResNet), optionally its own whole-model factory, and what it cannot do.
 * Register it in {@code META-INF/services/dev.resnettck.tck.spi.TckImplementation}; the suite finds
 * it with {@link java.util.ServiceLoader} and selects it by {@link #name()}.
 */
public interface TckImplementation {

    /** The name users select it by ({@code --implementation NAME} or {@code -Dtck.implementation=NAME}). */
    String name();

    String version();

    /** One line for reports. */
    default String description() {
        return name();
    }

    /**
     * Empty when the implementation can run here; otherwise why not (say, no OpenCL platform).
     * Every check then reports "not applicable" with this reason.
     */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /** The layers (and, through their defaults, the blocks) the suite builds everything from. */
    LayerFactories layers();

    /** A whole ResNet; by default composed from {@link #layers()}. */
    default Module resnet(ResNetSpec spec) {
        return ResNets.build(spec, layers());
    }

    /** Capabilities this implementation lacks, each with the reason the report should give. */
    default Map<Capability, String> unsupported() {
        return Map.of();
    }

    /** Settings that change numerics (compiler options, precision), recorded in the certificate. */
    default Map<String, String> configuration() {
        return Map.of();
    }
}
