package dev.resnettck.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resnettck.fuzz.FuzzFiles;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * torch.save's {@code .pth}, the whole archive fuzzed (zip container, entry names and sizes,
 * byteorder, data.pkl, storage records): a well-formed checkpoint round-trips; any other input is
 * a {@link WeightsFormatException}. Corpus: src/test/resources/dev/resnettck/io/TorchCheckpointFuzzTestInputs/.
 */
class TorchCheckpointFuzzTest {

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void readsOrRefusesByName(byte[] input) throws IOException {
        assertReadsOrRefuses(FuzzFiles.write("input.pth", input));
    }

    static void assertReadsOrRefuses(Path file) throws IOException {
        Map<String, Tensor> tensors;
        try {
            tensors = TorchCheckpoint.read(file);
        } catch (WeightsFormatException refused) {
            return;
        }
        Path again = FuzzFiles.write("again.pth", new byte[0]);
        TorchCheckpoint.write(again, tensors);
        Map<String, Tensor> back = TorchCheckpoint.read(again);
        assertEquals(tensors.keySet().stream().toList(), back.keySet().stream().toList());
        tensors.forEach((k, t) -> {
            assertArrayEquals(t.shape(), back.get(k).shape(), k);
            if (!k.endsWith("num_batches_tracked")) {
                assertArrayEquals(t.data(), back.get(k).data(), k);
            }
        });
    }
}
