package dev.resnettck.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resnettck.fuzz.FuzzFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Timeout;

/**
 * The pickle inside a {@code .pth}, fuzzed on its own: the input is data.pkl, placed in a valid
 * archive beside four storage records ({@code data/0} to {@code data/3}, 64 bytes each), so the
 * fuzzer spends its time in the unpickler and the tensor rebuild (storage, offset, size, stride)
 * rather than in the zip format. Corpus: the data.pkl of real checkpoints and hostile pickles.
 */
class PickleFuzzTest {

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void readsOrRefusesByName(byte[] pickle) throws IOException {
        TorchCheckpointFuzzTest.assertReadsOrRefuses(FuzzFiles.write("pickle.pth", archive(pickle)));
    }

    /** A torch.save archive named {@code archive} with the given data.pkl and four 64-byte storages. */
    static byte[] archive(byte[] pickle) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "archive/data.pkl", pickle);
            put(zip, "archive/byteorder", "little".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 0; i < 4; i++) {
                put(zip, "archive/data/" + i, new byte[64]);
            }
            put(zip, "archive/version", "3\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }
}
