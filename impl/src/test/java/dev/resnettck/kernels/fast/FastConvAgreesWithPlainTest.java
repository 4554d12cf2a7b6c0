package dev.resnettck.kernels.fast;

import static dev.resnettck.kernels.fast.KernelAgreement.agree;
import static dev.resnettck.kernels.fast.KernelAgreement.random;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.plain.PlainConv;
import dev.resnettck.nn.Size2;
import dev.resnettck.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast convolutions (both accumulations) against the plain kernels on shapes that exercise the
 * panel gathers: batches that do and do not fill a panel, output rows shorter and longer than a
 * panel, strides 1 to 3 (the input gradient's phases, some with no tap at all), padding up to
 * beyond the kernel, even kernels, a 7x7 stem, rectangular inputs, taps deeper than 16 channels,
 * 1x1 stride-1 planes of 32 columns or more and stride-1 maps 14 or more wide with 16 or more
 * channels (read in place, from the input or a padded copy, except the panels that cross an image),
 * out-channel counts that leave 1 to 11 rows of a 12-row register tile. A layout or indexing fault is
 * off by the size of a value; float32 rounding is well inside the bound (scale x depth x 2^-20).
 */
class FastConvAgreesWithPlainTest {

    @ParameterizedTest(name = "n={0} c={1} {2}x{3} oc={4} k={5} stride={6} pad={7}")
    @CsvSource({
            "1, 3, 9, 9, 5, 3, 1, 1",
            "3, 4, 7, 7, 6, 3, 1, 1",
            "8, 5, 6, 6, 7, 1, 1, 0",
            "2, 6, 11, 13, 4, 3, 2, 1",
            "9, 3, 5, 5, 3, 1, 2, 0",
            "1, 3, 23, 23, 8, 7, 2, 3",
            "4, 8, 4, 4, 8, 3, 1, 1",
            "2, 2, 40, 3, 3, 3, 1, 1",
            "2, 3, 5, 5, 4, 1, 1, 1",
            "1, 2, 6, 6, 3, 2, 2, 1",
            "3, 4, 9, 10, 5, 3, 3, 2",
            "2, 20, 6, 6, 17, 3, 2, 1",
            "16, 1, 28, 28, 64, 7, 2, 3",
            "16, 64, 7, 7, 64, 3, 1, 1",
            "16, 128, 4, 4, 256, 1, 2, 0",
            "3, 20, 9, 7, 13, 1, 1, 0",
            "2, 140, 8, 8, 30, 1, 1, 0",
            "2, 17, 15, 16, 13, 3, 1, 1",
            "1, 16, 30, 30, 20, 3, 2, 1",
            "2, 16, 14, 14, 8, 5, 1, 2"})
    void forwardAndBothGradients(int n, int c, int h, int w, int oc, int k, int stride, int pad) {
        SplittableRandom r = new SplittableRandom(n * 1000L + c * 100 + h + k);
        Tensor x = random(r, n, c, h, w);
        Tensor weight = random(r, oc, c, k, k);
        Tensor bias = random(r, oc);
        ConvGeometry g = ConvGeometry.of(x.shape(), weight.shape(), Size2.of(stride), Size2.of(pad));
        Tensor gy = random(r, n, oc, g.oh(), g.ow());
        PlainConv plain = new PlainConv();
        for (Accumulation acc : Accumulation.values()) {
            FastConv fast = new FastConv(acc);
            agree(acc + " forward", plain.forward(x, weight, bias, g), fast.forward(x, weight, bias, g), c * k * k);
            agree(acc + " input gradient", plain.backwardInput(gy, weight, g), fast.backwardInput(gy, weight, g), oc * k * k);
            agree(acc + " weight gradient", plain.backwardWeight(gy, x, g), fast.backwardWeight(gy, x, g),
                    n * g.oh() * g.ow());
        }
    }
}
