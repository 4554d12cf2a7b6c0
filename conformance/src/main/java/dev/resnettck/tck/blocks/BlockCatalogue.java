package dev.resnettck.tck.blocks;

import dev.resnettck.resnet.BlockKind;
import dev.resnettck.tck.layers.LayerCheck;
import dev.resnettck.tck.layers.LayerCheckKind;
import dev.resnettck.tck.layers.LayerSpec;
import dev.resnettck.tck.rules.Check;
import java.util.ArrayList;
import java.util.List;

/** The block rules: BLOCK-{CONVLAYER, BASIC, BOTTLENECK, GROUP}[-DECOMPOSED]-{FWD, BWD, EVAL}. */
public final class BlockCatalogue {
    private static final List<LayerCheckKind> KINDS = List.of(LayerCheckKind.FWD, LayerCheckKind.BWD, LayerCheckKind.EVAL);

    private BlockCatalogue() {
    }

    public static List<LayerSpec<?>> specs() {
        return List.of(BlockSpecs.convLayer(),
                BlockSpecs.residual(BlockKind.BASIC, false), BlockSpecs.residual(BlockKind.BASIC, true),
                BlockSpecs.residual(BlockKind.BOTTLENECK, false), BlockSpecs.residual(BlockKind.BOTTLENECK, true),
                BlockSpecs.group(false), BlockSpecs.group(true));
    }

    public static List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        for (LayerSpec<?> spec : specs()) {
            for (LayerCheckKind kind : KINDS) {
                checks.add(new LayerCheck<>(spec, kind, "BLOCK", "blocks"));
            }
        }
        return checks;
    }
}
