package dev.resnettck.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resnettck.fuzz.FuzzFiles;
import dev.resnettck.io.FileFormatException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Timeout;

/**
 * FashionMNIST's IDX files: the first input byte chooses images or labels (bit 0) and whether the rest is
 * gzip-compressed by the target (bit 1) (the fuzzer then works on the IDX header and counts) or taken as
 * the file itself (gzip corruption). A well-formed file round-trips; anything else is a
 * {@link FileFormatException}. Corpus: src/test/resources/dev/resnettck/data/IdxFuzzTestInputs/.
 */
class IdxFuzzTest {

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void readsOrRefusesByName(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        boolean images = (input[0] & 1) != 0;
        boolean compress = (input[0] & 2) != 0;
        byte[] body = java.util.Arrays.copyOfRange(input, 1, input.length);
        Path file = FuzzFiles.write("input-idx.gz", compress ? gzip(body) : body);
        Idx.Array array;
        try {
            array = images ? Idx.readImages(file) : Idx.readLabels(file);
        } catch (FileFormatException refused) {
            return;
        }
        Path again = FuzzFiles.write("again-idx.gz", encode(images ? 0x0803 : 0x0801, array));
        Idx.Array back = images ? Idx.readImages(again) : Idx.readLabels(again);
        assertArrayEquals(array.dims(), back.dims());
        assertArrayEquals(array.data(), back.data());
    }

    static byte[] encode(int magic, Idx.Array array) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(magic);
            for (int d : array.dims()) {
                out.writeInt(d);
            }
            out.write(array.data());
        }
        return gzip(raw.toByteArray());
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
