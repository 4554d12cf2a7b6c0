package dev.resnettck.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resnettck.fuzz.FuzzFiles;
import dev.resnettck.io.FileFormatException;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Image decoding (the JDK's PNG, JPEG, BMP and GIF readers) and the ImageNet transform: a decodable
 * image becomes (3, H, W) in [0, 1] and then a finite (3, 224, 224); anything else is a
 * {@link FileFormatException}, or the transform's own refusal of an image too elongated to resize.
 * Corpus: src/test/resources/dev/resnettck/data/ImageFuzzTestInputs/.
 */
class ImageFuzzTest {

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void decodesOrRefusesByName(byte[] input) throws IOException {
        Tensor rgb;
        try {
            rgb = Images.readRgb(FuzzFiles.write("input.img", input));
        } catch (FileFormatException refused) {
            return;
        }
        assertTrue(rgb.shape().length == 3 && rgb.size(0) == 3, "shape");
        for (float v : rgb.data()) {
            assertTrue(v >= 0 && v <= 1, "ToTensor values lie in [0, 1]");
        }
        Tensor x;
        try {
            x = ImageNetTransform.apply(rgb);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().startsWith("ImageNet transform:"), refused.getMessage());
            return;
        }
        assertArrayEquals(new int[] {3, 224, 224}, x.shape());
        for (float v : x.data()) {
            assertTrue(Float.isFinite(v), "normalised values are finite");
        }
    }
}
