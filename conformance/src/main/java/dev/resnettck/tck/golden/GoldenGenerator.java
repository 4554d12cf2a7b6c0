package dev.resnettck.tck.golden;

import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.blocks.BlockCatalogue;
import dev.resnettck.tck.layers.LayerCatalogue;
import dev.resnettck.tck.layers.LayerSpec;
import dev.resnettck.tck.rules.SuiteContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The one generator behind {@code ./tck golden}: every golden set, from the live reference. */
public final class GoldenGenerator {
    private GoldenGenerator() {
    }

    /** Regenerates golden-data/{layers,loss,blocks,models} from the live reference; seeds derive from the set names. */
    public static void generate(Path goldenDir, Consumer<String> progress) throws IOException {
        SuiteContext seeds = new SuiteContext(SuiteContext.DEFAULT_SEED, 1, goldenDir.getParent());
        for (LayerSpec<?> spec : LayerCatalogue.specs()) {
            progress.accept("golden " + LayerGolden.set("LAYER", spec));
            LayerGoldenWriter.generate(spec, "LAYER", "layers", goldenDir, seeds.seedFor("GOLDEN-" + LayerGolden.set("LAYER", spec)));
        }
        progress.accept("golden " + LossGolden.SET);
        LossGoldenWriter.generate(goldenDir, seeds.seedFor("GOLDEN-" + LossGolden.SET));
        for (LayerSpec<?> spec : BlockCatalogue.specs()) {
            progress.accept("golden " + LayerGolden.set("BLOCK", spec));
            LayerGoldenWriter.generate(spec, "BLOCK", "blocks", goldenDir, seeds.seedFor("GOLDEN-" + LayerGolden.set("BLOCK", spec)));
        }
        for (ResNetSpec spec : ResNetSpec.PRESETS) {
            progress.accept("golden " + ModelGolden.set(spec));
            ModelGoldenWriter.generate(spec, goldenDir, seeds.seedFor("GOLDEN-" + ModelGolden.set(spec)));
        }
    }
}
