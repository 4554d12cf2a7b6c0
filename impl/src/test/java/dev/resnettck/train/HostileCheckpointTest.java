package dev.resnettck.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.io.FileFormatException;
import dev.resnettck.io.SafeTensors;
import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learner's checkpoints: a well-formed one reads; each part that does not fit is named. */
class HostileCheckpointTest {
    @TempDir
    Path dir;

    private Map<String, Tensor> state(Module model) {
        Map<String, Tensor> s = new LinkedHashMap<>(StateDict.entries(model));
        s.put("optimizer.weight.exp_avg", Tensor.of(new float[6], 6));
        s.put("optimizer.weight.step", Tensor.of(new float[] {4}, 1));
        s.put("history.step_losses", Tensor.of(new float[4], 4));
        s.put("history.epochs", Tensor.of(new float[10], 2, 5));
        return s;
    }

    private Path write(Map<String, Tensor> state, String epoch, String step) throws IOException {
        Path file = dir.resolve("c-" + epoch + "-" + step + "-" + state.size() + ".safetensors");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("recipe", LearnerCheckpointFuzzTest.RECIPE);
        meta.put("epoch", epoch);
        meta.put("schedule_step", step);
        SafeTensors.write(file, state, meta);
        return file;
    }

    private static LearnerCheckpoint read(Path file) throws IOException {
        return LearnerCheckpoint.read(file, LearnerCheckpointFuzzTest.RECIPE, LearnerCheckpointFuzzTest.model(),
                LearnerCheckpointFuzzTest.EPOCHS, LearnerCheckpointFuzzTest.STEPS);
    }

    private static void assertRefused(Path file, String expected) {
        FileFormatException e = assertThrows(FileFormatException.class, () -> read(file));
        assertTrue(e.getMessage().contains(expected), "says '" + expected + "': " + e.getMessage());
    }

    @Test
    void aWellFormedCheckpointReads() throws IOException {
        LearnerCheckpoint c = read(write(state(LearnerCheckpointFuzzTest.model()), "2", "4"));
        assertEquals(2, c.epoch());
        assertEquals(4, c.stepLosses().size());
        assertEquals(2, c.epochs().size());
    }

    @Test
    void everyPartThatDoesNotFitIsNamed() throws IOException {
        Module model = LearnerCheckpointFuzzTest.model();
        assertRefused(write(state(model), "two", "4"), "metadata 'epoch' is 'two'");
        assertRefused(write(state(model), "2", "99"), "metadata 'schedule_step' is '99', expected an integer in [0, 6]");
        assertRefused(write(state(model), "2", "3"), "'history.step_losses' holds 4 values, expected 3");
        Map<String, Tensor> s = state(model);
        s.put("optimizer.weight.exp_avg", Tensor.of(new float[5], 5));
        assertRefused(write(s, "2", "4"), "'optimizer.weight.exp_avg' holds 5 values, expected 6");
        s = state(model);
        s.put("optimizer.ghost.exp_avg", Tensor.of(new float[1], 1));
        assertRefused(write(s, "2", "4"), "not a parameter of the model");
        s = state(model);
        s.put("optimizer.exp_avg_sq", Tensor.of(new float[1], 1)); // the prefix's dot read as the suffix's (a fuzz finding)
        assertRefused(write(s, "2", "4"), "'optimizer.exp_avg_sq' names no parameter");
        s = state(model);
        s.remove("bias");
        assertRefused(write(s, "2", "4"), "missing key 'bias'");
        s = state(model);
        s.remove("history.epochs");
        assertRefused(write(s, "2", "4"), "missing 'history.epochs'");
    }
}
