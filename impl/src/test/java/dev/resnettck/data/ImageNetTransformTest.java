package dev.resnettck.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resnettck.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ImageNetTransformTest {

    @Test
    void resizeKeepsTheAspectAndTruncatesTheLongSide() {
        assertArrayEquals(new int[] {256, 384}, ImageNetTransform.resizedSize(300, 451, 256));
        assertArrayEquals(new int[] {341, 256}, ImageNetTransform.resizedSize(600, 450, 256));
    }

    @Test
    void centerCropRoundsHalfToEvenLikePython() {
        assertEquals(16, ImageNetTransform.cropStart(256, 224));
        assertEquals(80, ImageNetTransform.cropStart(384, 224));
        assertEquals(0, ImageNetTransform.cropStart(225, 224), "round(0.5) is 0 in Python");
        assertEquals(2, ImageNetTransform.cropStart(227, 224), "round(1.5) is 2");
    }

    @Test
    void downscalingByTwoAveragesWithTheTriangleFilter() {
        // 4 -> 2 columns: scale 2, support 2. Output 0 (center 1.0) takes inputs 0, 1, 2 with triangle
        // weights 0.75, 0.75, 0.25 (normalised: 3/7, 3/7, 1/7); output 1 (center 3.0) takes 1, 2, 3 with 1/7, 3/7, 3/7.
        Tensor x = Tensor.of(new float[] {0, 4, 8, 12}, 1, 1, 4);
        assertArrayEquals(new float[] {20f / 7, 64f / 7}, Resize.bilinear(x, 1, 2).data(), 1e-6f);
    }

    @Test
    void upscalingInterpolatesLinearly() {
        Tensor x = Tensor.of(new float[] {0, 10}, 1, 1, 2);
        assertArrayEquals(new float[] {0, 2.5f, 7.5f, 10}, Resize.bilinear(x, 1, 4).data(), 1e-6f);
    }

    @Test
    void toTensorDividesBy255InFloat() {
        assertEquals(128f / 255f, Images.toTensor(128));
    }
}
