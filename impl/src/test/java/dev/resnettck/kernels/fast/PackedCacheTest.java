package dev.resnettck.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.nn.GradMode;
import dev.resnettck.nn.Size2;
import dev.resnettck.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Inference keeps packed weights between calls ({@link PackedCache}); a weight changed in place, or
 * the same array read with another shape, must be packed again. Every inference result here equals,
 * bit for bit, the same convolution with gradients on (which never uses the cache).
 */
class PackedCacheTest {
    private final FastConv conv = new FastConv(Accumulation.FLOAT32);

    @Test
    void aWeightChangedInPlaceIsPackedAgain() {
        SplittableRandom r = new SplittableRandom(3);
        Tensor x = KernelAgreement.random(r, 1, 16, 7, 7);
        Tensor w = KernelAgreement.random(r, 24, 16, 3, 3);
        ConvGeometry g = ConvGeometry.of(x.shape(), w.shape(), Size2.of(1), Size2.of(1));
        assertSameAsWithoutCache(x, w, g, "first call");
        assertSameAsWithoutCache(x, w, g, "second call, weights unchanged");
        for (int at : new int[] {0, w.data().length / 2, w.data().length - 1}) {
            w.data()[at] += 0.5f;
            assertSameAsWithoutCache(x, w, g, "after weight " + at + " changed in place");
        }
    }

    @Test
    void theSameArrayWithAnotherShapeIsPackedAgain() {
        SplittableRandom r = new SplittableRandom(4);
        float[] values = KernelAgreement.random(r, 24 * 16 * 9).data();
        Tensor x = KernelAgreement.random(r, 1, 16, 7, 7);
        Tensor w = Tensor.of(values, 24, 16, 3, 3);
        assertSameAsWithoutCache(x, w, ConvGeometry.of(x.shape(), w.shape(), Size2.of(1), Size2.of(1)), "24 x 16 x 3 x 3");
        Tensor x2 = KernelAgreement.random(r, 1, 48, 7, 7);
        Tensor w2 = Tensor.of(values, 24, 48, 3, 1);
        assertSameAsWithoutCache(x2, w2, ConvGeometry.of(x2.shape(), w2.shape(), Size2.of(1), Size2.of(1)),
                "the same array as 24 x 48 x 3 x 1");
    }

    private void assertSameAsWithoutCache(Tensor x, Tensor w, ConvGeometry g, String what) {
        Tensor expected = conv.forward(x, w, null, g);
        Tensor cached = GradMode.noGrad(() -> conv.forward(x, w, null, g));
        assertArrayEquals(expected.data(), cached.data(), what);
    }
}
