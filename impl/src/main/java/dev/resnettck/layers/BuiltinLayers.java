package dev.resnettck.layers;

import dev.resnettck.kernels.Backend;
import dev.resnettck.nn.Identity;
import dev.resnettck.nn.LayerFactories;
import dev.resnettck.resnet.Blocks;

/** The built-in layers over one backend, with the generic block composition. */
public final class BuiltinLayers {
    private BuiltinLayers() {
    }

    public static LayerFactories factories(Backend backend) {
        return new LayerFactories(
                o -> new Conv2d(o, backend.conv()),
                o -> new BatchNorm2d(o, backend.batchNorm()),
                ReLU::new,
                o -> new MaxPool2d(o, backend.pool()),
                () -> new GlobalAvgPool2d(backend.pool()),
                Flatten::new,
                o -> new Linear(o, backend.linear()),
                Identity::new,
                CrossEntropyLoss::new,
                Blocks::basicBlock,
                Blocks::bottleneck,
                Blocks::projection,
                Blocks::residual);
    }
}
