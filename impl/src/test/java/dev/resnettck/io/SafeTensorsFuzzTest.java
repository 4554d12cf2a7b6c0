package dev.resnettck.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resnettck.fuzz.FuzzFiles;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * safetensors: a well-formed file round-trips; any other input is a {@link WeightsFormatException}
 * (header length, JSON, dtype, shape, offsets named), never another exception, an out-of-memory
 * error or a hang. Corpus: src/test/resources/dev/resnettck/io/SafeTensorsFuzzTestInputs/.
 */
class SafeTensorsFuzzTest {

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void readsOrRefusesByName(byte[] input) throws IOException {
        Path file = FuzzFiles.write("input.safetensors", input);
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, Tensor> tensors;
        try {
            tensors = SafeTensors.read(file, meta);
        } catch (WeightsFormatException refused) {
            return;
        }
        Path again = FuzzFiles.write("again.safetensors", new byte[0]);
        SafeTensors.write(again, tensors, meta);
        Map<String, Tensor> back = SafeTensors.read(again, new LinkedHashMap<>());
        assertEquals(tensors.keySet().stream().toList(), back.keySet().stream().toList());
        tensors.forEach((k, t) -> {
            assertArrayEquals(t.shape(), back.get(k).shape(), k);
            if (!k.endsWith("num_batches_tracked")) { // written back as I64: a fraction does not survive, by design
                assertArrayEquals(t.data(), back.get(k).data(), k);
            }
        });
    }
}
