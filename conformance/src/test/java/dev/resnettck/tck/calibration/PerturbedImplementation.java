package dev.resnettck.tck.calibration;

import dev.resnettck.nn.LayerFactories;
import dev.resnettck.tck.builtin.FastImplementation;
import dev.resnettck.tck.spi.TckImplementation;

/**
 * The built-in fast kernels with every layer's output and input gradient perturbed by a relative
 * 3e-6 ({@link PerturbedLayer}). Measured beside the must-pass set, not required to pass or fail:
 * its verdict shows how close to float32's own error the certifying bound sits.
 */
public final class PerturbedImplementation implements TckImplementation {
    private final TckImplementation base = new FastImplementation();

    @Override
    public String name() {
        return "fast-perturbed-3e-6";
    }

    @Override
    public String version() {
        return base.version();
    }

    @Override
    public String description() {
        return "measurement: fast with every layer output and input gradient moved by a relative 3e-6";
    }

    @Override
    public LayerFactories layers() {
        LayerFactories l = base.layers();
        return l.withConv2d(o -> new PerturbedLayer(l.conv2d().apply(o)))
                .withBatchNorm2d(o -> new PerturbedLayer(l.batchNorm2d().apply(o)))
                .withRelu(() -> new PerturbedLayer(l.relu().get()))
                .withMaxPool2d(o -> new PerturbedLayer(l.maxPool2d().apply(o)))
                .withGlobalAvgPool2d(() -> new PerturbedLayer(l.globalAvgPool2d().get()))
                .withLinear(o -> new PerturbedLayer(l.linear().apply(o)));
    }
}
