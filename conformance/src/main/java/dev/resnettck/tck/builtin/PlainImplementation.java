package dev.resnettck.tck.builtin;

import dev.resnettck.kernels.plain.PlainBackend;
import dev.resnettck.layers.BuiltinLayers;
import dev.resnettck.nn.LayerFactories;
import dev.resnettck.tck.spi.TckImplementation;

/** The plain, obviously-correct kernels of impl: the yardstick the fast ones are measured against. */
public final class PlainImplementation implements TckImplementation {
    private final LayerFactories layers = BuiltinLayers.factories(PlainBackend.create());

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public String version() {
        return BuiltinVersion.get();
    }

    @Override
    public String description() {
        return "resnet-tck impl, plain kernels on strided receptive-field views, double accumulation, one thread";
    }

    @Override
    public LayerFactories layers() {
        return layers;
    }
}
