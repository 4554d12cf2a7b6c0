package dev.resnettck.tck.golden;

import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.blocks.BlockCatalogue;
import dev.resnettck.tck.layers.LayerCatalogue;
import dev.resnettck.tck.layers.LayerSpec;
import dev.resnettck.tck.rules.Check;
import java.util.ArrayList;
import java.util.List;

/** Every golden rule. */
public final class GoldenCatalogue {
    private GoldenCatalogue() {
    }

    public static List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        for (LayerSpec<?> spec : LayerCatalogue.specs()) {
            checks.add(new GoldenLayerCheck<>(spec, "LAYER", "layers"));
        }
        checks.add(new LossGolden());
        for (LayerSpec<?> spec : BlockCatalogue.specs()) {
            checks.add(new GoldenLayerCheck<>(spec, "BLOCK", "blocks"));
        }
        for (ResNetSpec spec : ResNetSpec.PRESETS) {
            checks.add(new ModelGolden(spec));
        }
        return checks;
    }

}
