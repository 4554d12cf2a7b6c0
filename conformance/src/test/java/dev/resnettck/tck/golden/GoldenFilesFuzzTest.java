package dev.resnettck.tck.golden;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resnettck.tck.certify.SuiteIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A golden case set (manifest JSON and its safetensors data): the input is the manifest, a zero
 * byte, then the data file. {@code @SHA@} in the manifest becomes the data's real SHA-256, so the
 * fuzzer gets past the checksum into the data and the case listing. A set that reads has every
 * listed tensor; anything else is a {@link GoldenDataException} naming the file and the problem.
 * Corpus: a real committed set, reduced, and hostile manifests
 * (src/test/resources/dev/resnettck/tck/golden/GoldenFilesFuzzTestInputs/).
 */
class GoldenFilesFuzzTest {

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void readsOrRefusesByName(byte[] input) throws IOException {
        int split = indexOfZero(input);
        // a folder of this JVM's own: the fuzz execution runs one target JVM per core at once
        Path dir = Path.of("target", "fuzz-scratch", "golden-" + ProcessHandle.current().pid());
        Path group = dir.resolve("fuzz");
        Files.createDirectories(group);
        Path data = group.resolve("SET.safetensors");
        Files.write(data, Arrays.copyOfRange(input, Math.min(split + 1, input.length), input.length));
        String manifest = new String(input, 0, split, StandardCharsets.UTF_8).replace("@SHA@", SuiteIdentity.sha256(data));
        Files.writeString(group.resolve("SET.json"), manifest);
        GoldenFiles.Loaded loaded;
        try {
            loaded = GoldenFiles.read(dir, "fuzz", "SET");
        } catch (GoldenDataException refused) {
            return;
        }
        for (Manifest.Entry c : loaded.manifest().cases()) {
            for (String name : c.tensors()) {
                assertNotNull(loaded.tensor(c.name(), name));
            }
        }
    }

    private static int indexOfZero(byte[] input) {
        for (int i = 0; i < input.length; i++) {
            if (input[i] == 0) {
                return i;
            }
        }
        return input.length;
    }
}
