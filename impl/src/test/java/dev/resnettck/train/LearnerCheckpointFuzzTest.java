package dev.resnettck.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resnettck.fuzz.FuzzFiles;
import dev.resnettck.io.FileFormatException;
import dev.resnettck.kernels.plain.PlainBackend;
import dev.resnettck.layers.BuiltinLayers;
import dev.resnettck.nn.LinearOptions;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The gate's per-epoch checkpoints (what {@code -Dtck.gate.resume} reads back): a checkpoint that
 * fits the model and the recipe loads; anything else is a {@link FileFormatException} naming the key
 * or the metadata field. The model is a small Linear so that the corpus stays small; the checks are
 * the ones the gate's ResNet18 meets. Corpus: src/test/resources/dev/resnettck/train/LearnerCheckpointFuzzTestInputs/.
 */
public class LearnerCheckpointFuzzTest {
    public static final String RECIPE = "fuzz-recipe";
    public static final int EPOCHS = 3;
    public static final int STEPS = 6;

    public static Module model() {
        return BuiltinLayers.factories(PlainBackend.create()).linear().apply(new LinearOptions(3, 2, true));
    }

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void loadsOrRefusesByName(byte[] input) throws IOException {
        Module model = model();
        LearnerCheckpoint saved;
        try {
            saved = LearnerCheckpoint.read(FuzzFiles.write("checkpoint.safetensors", input), RECIPE, model, EPOCHS, STEPS);
        } catch (FileFormatException refused) {
            return;
        }
        StateDict.load(model, saved.weights(), "the fuzzed checkpoint"); // what was accepted must load
        Adam.withDefaults(StateDict.parameters(model), 1e-3).load(saved.optimizer());
    }
}
