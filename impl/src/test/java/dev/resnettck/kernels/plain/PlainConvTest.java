package dev.resnettck.kernels.plain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.nn.Size2;
import dev.resnettck.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-checkable convolutions and the errors a bad call must give. */
class PlainConvTest {

    @Test
    void threeByThreeWithPaddingOne() {
        // a 2x2 input of ones, a 3x3 kernel of 1..9, padding 1: each output sums the kernel taps that land on the input
        Tensor x = Tensor.of(new float[] {1, 1, 1, 1}, 1, 1, 2, 2);
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Tensor y = PlainConv.conv2d(x, w, null, 1, 1);
        assertArrayEquals(new float[] {5 + 6 + 8 + 9, 4 + 5 + 7 + 8, 2 + 3 + 5 + 6, 1 + 2 + 4 + 5}, y.data());
    }

    @Test
    void strideAndBiasAsPairs() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 1, 2, 3);
        Tensor w = Tensor.of(new float[] {1}, 1, 1, 1, 1);
        Tensor b = Tensor.of(new float[] {10}, 1);
        Tensor y = PlainConv.conv2d(x, w, b, Size2.of(1, 2), Size2.of(0, 0));
        assertArrayEquals(new int[] {1, 1, 2, 2}, y.shape());
        assertArrayEquals(new float[] {11, 13, 14, 16}, y.data());
    }

    @Test
    void kernelEqualToThePaddedInputGivesOnePixel() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        Tensor w = Tensor.of(new float[] {1, 1, 1, 1}, 1, 1, 2, 2);
        assertArrayEquals(new float[] {10}, PlainConv.conv2d(x, w, null, 1, 0).data());
    }

    @Test
    void mismatchedChannelsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlainConv.conv2d(Tensor.zeros(1, 3, 4, 4), Tensor.zeros(2, 4, 3, 3), null, 1, 1));
        assertTrue(e.getMessage().contains("input has 3 channels but the weight expects in_channels 4"), e.getMessage());
    }

    @Test
    void kernelLargerThanThePaddedInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlainConv.conv2d(Tensor.zeros(1, 1, 2, 2), Tensor.zeros(1, 1, 5, 5), null, 1, 1));
        assertTrue(e.getMessage().contains("kernel_size (5, 5) is larger than the padded input (4, 4)"), e.getMessage());
    }

    @Test
    void nonPositiveStrideIsNamedWithItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlainConv.conv2d(Tensor.zeros(1, 1, 4, 4), Tensor.zeros(1, 1, 3, 3), null, 0, 1));
        assertTrue(e.getMessage().contains("stride must be positive, got 0"), e.getMessage());
    }

    @Test
    void stridedInputViewGivesTheSameResultAsItsCopy() {
        Tensor storage = Tensor.of(new float[] {1, 5, 2, 6, 3, 7, 4, 8}, 8);
        Tensor view = storage.asStrided(new int[] {1, 1, 2, 2}, new int[] {8, 8, 4, 2}); // every other element
        Tensor w = Tensor.of(new float[] {1, -1, 2, 0.5f}, 1, 1, 2, 2);
        assertArrayEquals(PlainConv.conv2d(view.contiguous(), w, null, 1, 0).data(),
                PlainConv.conv2d(view, w, null, 1, 0).data());
    }
}
