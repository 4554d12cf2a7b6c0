package dev.resnettck.tck;

import dev.resnettck.tck.blocks.BlockCatalogue;
import dev.resnettck.tck.golden.GoldenCatalogue;
import dev.resnettck.tck.layers.LayerCatalogue;
import dev.resnettck.tck.layers.LossCheck;
import dev.resnettck.tck.models.ModelCheck;
import dev.resnettck.tck.training.GateCheck;
import dev.resnettck.tck.training.SeedRecipeCheck;
import dev.resnettck.tck.training.TrainingCheck;
import dev.resnettck.tck.rules.Check;
import java.util.ArrayList;
import java.util.List;

/** Every check of the suite, in the order a certification runs them. */
public final class Suite {
    private Suite() {
    }

    public static List<Check> checks() {
        List<Check> all = new ArrayList<>(LayerCatalogue.checks());
        all.addAll(LossCheck.all());
        all.addAll(BlockCatalogue.checks());
        all.addAll(ModelCheck.all());
        all.addAll(GoldenCatalogue.checks());
        all.addAll(TrainingCheck.all());
        all.add(new GateCheck());
        all.add(new SeedRecipeCheck());
        return List.copyOf(all);
    }
}
