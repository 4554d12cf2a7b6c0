package dev.resnettck.resnet;

import dev.resnettck.nn.LayerFactories;
import dev.resnettck.nn.LayerFactories.BlockFactory;

/** The two residual block bodies, each with its channel expansion, as torchvision's classes carry it. */
public enum BlockKind {
    BASIC(1),
    BOTTLENECK(4);

    private final int expansion;

    BlockKind(int expansion) {
        this.expansion = expansion;
    }

    public int expansion() {
        return expansion;
    }

    BlockFactory factory(LayerFactories layers) {
        return this == BASIC ? layers.basicBlock() : layers.bottleneck();
    }
}
