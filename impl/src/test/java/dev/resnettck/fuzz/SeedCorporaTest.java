package dev.resnettck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.data.Idx;
import dev.resnettck.data.Images;
import dev.resnettck.io.SafeTensors;
import dev.resnettck.io.TorchCheckpoint;
import dev.resnettck.train.LearnerCheckpoint;
import dev.resnettck.train.LearnerCheckpointFuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The well-formed seeds of each corpus are accepted, so that the fuzz targets start from files that
 * reach their round-trip checks, not only from refusals.
 */
class SeedCorporaTest {
    private static final Path ROOT = Path.of("src/test/resources/dev/resnettck");

    private static Path seed(String pkg, String test, String method, String name) {
        return ROOT.resolve(pkg).resolve(test + "Inputs").resolve(method).resolve(name);
    }

    private static Path stripped(Path seed, int skip) throws IOException {
        byte[] b = Files.readAllBytes(seed);
        return FuzzFiles.write(seed.getFileName() + ".body", Arrays.copyOfRange(b, skip, b.length));
    }

    @Test
    void wellFormedSeedsRead() throws IOException {
        assertEquals(3, SafeTensors.read(seed("io", "SafeTensorsFuzzTest", "readsOrRefusesByName", "small"), null).size());
        assertEquals(3, TorchCheckpoint.read(seed("io", "TorchCheckpointFuzzTest", "readsOrRefusesByName", "small")).size());
        assertTrue(LearnerCheckpoint.read(seed("train", "LearnerCheckpointFuzzTest", "loadsOrRefusesByName", "epoch2"),
                LearnerCheckpointFuzzTest.RECIPE, LearnerCheckpointFuzzTest.model(), LearnerCheckpointFuzzTest.EPOCHS,
                LearnerCheckpointFuzzTest.STEPS).epoch() == 2);
        for (String format : new String[] {"png", "jpg", "bmp", "gif"}) {
            assertEquals(5, Images.readRgb(seed("data", "ImageFuzzTest", "decodesOrRefusesByName", "small-" + format)).size(2));
        }
    }

    @Test
    void wellFormedIdxSeedsReadOnceGzipped() throws IOException {
        // the first byte selects the mode; bit 1 set: the target gzips the rest, as done here
        for (String name : new String[] {"labels", "images"}) {
            Path body = stripped(seed("data", "IdxFuzzTest", "readsOrRefusesByName", name), 1);
            Path gz = FuzzFiles.write(name + ".gz", gzip(Files.readAllBytes(body)));
            Idx.Array a = name.equals("labels") ? Idx.readLabels(gz) : Idx.readImages(gz);
            assertTrue(a.count() >= 2, name);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
