package dev.resnettck.kernels.fast;

import static dev.resnettck.kernels.fast.KernelAgreement.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.Epilogue;
import dev.resnettck.kernels.plain.PlainConv;
import dev.resnettck.nn.GradMode;
import dev.resnettck.nn.Size2;
import dev.resnettck.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The channels-last convolutions give every output exactly FastConv's float operations in the same
 * order, so their results are FastConv's bit for bit, in both float32 orders, on shapes that exercise
 * what is new here: panels of 12 output pixels that do and do not fill (rows repeated and dropped),
 * maps small enough to be ordered position by position (taps skipped per panel), rows read in place
 * from a padded channels-last copy at every tap, taps of fewer than 16 channels packed into shared
 * blocks, output channels that fill 1 to 32 lanes of a panel, strides 1 to 3 (input-gradient phases,
 * some reaching no pixel), padding beyond the kernel, channels-last and NCHW inputs alike.
 * FastConvAgreesWithPlainTest ties FastConv to the plain kernels. The forward pass of a map with fewer
 * pixels than output channels reads the weights in place in their own order ({@link
 * WeightRowsConvolution}: lane panels of 32 pixels that do not fill, rows past the last channel), so
 * it is held to the plain kernels within float32 rounding instead, and to itself across layouts.
 */
class ChannelsLastConvTest {

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
            // 64 -> 64 channels on a 6x6 map: the direct sums (from 7x7, Winograd's)
            "16, 64, 6, 6, 64, 3, 1, 1",
            "16, 128, 4, 4, 256, 1, 2, 0",
            "13, 32, 2, 2, 40, 3, 1, 1",
            "12, 48, 1, 1, 33, 3, 1, 1",
            "3, 20, 9, 7, 13, 1, 1, 0",
            "2, 140, 8, 8, 30, 1, 1, 0",
            "2, 17, 15, 16, 13, 3, 1, 1",
            "1, 16, 30, 30, 20, 3, 2, 1",
            "2, 16, 14, 14, 8, 5, 1, 2",
            "1, 64, 9, 9, 96, 3, 2, 1",
            "1, 64, 7, 7, 96, 3, 1, 1",
            "2, 32, 5, 5, 80, 3, 2, 1",
            "3, 40, 3, 3, 50, 2, 1, 1",
            // weights as rows: pixel rows of 26 tile panels' channels, the last holding one
            "2, 24, 5, 5, 301, 1, 1, 0",
            // 1x1 input gradients over far fewer pixels than input channels: 301 channels (a partial lane panel);
            // stride 2 (three of four pixels get no gradient); 700 channels over 60 pixels
            "2, 301, 3, 3, 40, 1, 1, 0",
            "1, 150, 7, 7, 33, 1, 2, 0",
            "3, 700, 4, 5, 20, 1, 1, 0",
            // at most as many pixels as channels, in 8 or more lane panels: each task packs its own lane panel (on
            // 2 threads; more threads need more panels). The forward over a partial last panel (250 = 7 x 32 + 26);
            // the input gradient; both with only the centre tap meeting a 1x1 map; a 1x1 stride-2 input gradient
            "2, 40, 9, 9, 250, 3, 1, 1",
            "2, 250, 9, 9, 40, 3, 1, 1",
            "200, 240, 1, 1, 240, 3, 1, 1",
            "2, 240, 12, 12, 100, 1, 2, 0",
            // the same for strided input gradients of several stride phases, run in one set of tasks: each packs its
            // lane panel of every phase (a partial last panel; 5x5 stride 3: phases of 1 to 4 taps)
            "2, 250, 6, 6, 40, 3, 2, 1",
            "1, 256, 7, 8, 24, 5, 3, 2",
            // no stride phase at all: a 1x1 map, stride 2, padding 1 (the conformance suite's smallest failing case
            // when an empty set of phases was taken for one that suits the packing tasks)
            "1, 1, 1, 1, 1, 1, 2, 1",
            // small weight gradients over many pixels, summed block by block (two waves in the first; a
            // partial lane panel in the first two; taps in the padding in the third)
            "8, 8, 32, 32, 24, 3, 1, 1",
            "4, 40, 24, 24, 48, 3, 1, 1",
            "6, 16, 40, 40, 20, 3, 2, 1",
            "4, 64, 24, 24, 64, 1, 1, 0",
            // 1x1 stride-1 maps of more than 64 pixels, whose rows are found by arithmetic: fewer and more
            // output than input channels, a last panel that does not fill
            "2, 24, 9, 11, 40, 1, 1, 0",
            "3, 70, 10, 9, 20, 1, 1, 0",
            // 1x1 passes deep enough (704 channels, 34 panels of pixels) for short tasks: the forward, then the
            // input gradient
            "1, 704, 20, 20, 40, 1, 1, 0",
            "1, 40, 20, 20, 704, 1, 1, 0",
            // enough pixel panels (134) that each of a 2-thread pool's tasks takes all 8 lane panels, so it copies
            // its rows side by side first: forward and input gradient, 1x1 and 3x3
            "1, 16, 40, 40, 256, 1, 1, 0",
            "1, 256, 40, 40, 16, 1, 1, 0",
            "1, 16, 40, 40, 256, 3, 1, 1",
            "1, 256, 40, 40, 16, 3, 1, 1",
            // at least 512 deep: tasks run their tiles block by block; in the second, a 1x1 pass deep enough for
            // short tasks that each take all 8 lane panels (on 2 threads), with rows copied side by side
            "2, 300, 9, 9, 40, 3, 1, 1",
            "1, 704, 20, 20, 256, 1, 1, 0",
            // a forward pass over taps of 64 channels sums each kernel row as one block of 192 (deeper than KC):
            // stride 1 over 3 lane panels, the last partial
            "2, 64, 12, 13, 72, 3, 1, 1",
            // weight gradient lane panels of 32 channels of one tap, packed an output row at a time: a row
            // longer than a block, stride 3, padding wider than the kernel (taps that never meet a column)
            "1, 32, 3, 300, 32, 3, 2, 1",
            "2, 32, 10, 11, 16, 3, 3, 2",
            // a stride phase that is a 1x1 pass over fewer columns than dY has (7x8 of 8x9), in panels inside one image
            "1, 32, 20, 23, 16, 3, 3, 2",
            "1, 64, 5, 6, 8, 3, 2, 4",
            // few input channels, 16 to 128 output channels: the input gradient by taps' shares
            "2, 3, 17, 19, 24, 5, 3, 2",
            "3, 2, 9, 9, 16, 3, 1, 0",
            "1, 3, 30, 30, 128, 7, 2, 3",
            "2, 4, 8, 11, 40, 4, 2, 1",
            "2, 15, 6, 7, 20, 3, 2, 4",
            "1, 3, 3, 4, 33, 5, 2, 1"})
    void sameBitsAsFastConv(int n, int c, int h, int w, int oc, int k, int stride, int pad) {
        SplittableRandom r = new SplittableRandom(n * 1000L + c * 100 + h + k);
        Tensor x = random(r, n, c, h, w);
        Tensor weight = random(r, oc, c, k, k);
        Tensor bias = random(r, oc);
        ConvGeometry g = ConvGeometry.of(x.shape(), weight.shape(), Size2.of(stride), Size2.of(pad));
        Tensor gy = random(r, n, oc, g.oh(), g.ow());
        boolean weightRows = WeightRowsConvolution.suits(new PixelConvolution.Pass(n, g.oh(), g.ow(), k, k, stride, stride,
                pad, pad, true), oc, false);
        for (Accumulation acc : new Accumulation[] {Accumulation.FLOAT32, Accumulation.FLOAT32_REVERSED}) {
            FastConv expected = new FastConv(acc);
            ChannelsLastConv actual = new ChannelsLastConv(acc);
            Tensor y = actual.forward(x, weight, bias, g);
            assertTrue(y.isChannelsLast(), "the output is channels-last");
            if (weightRows) {
                // the weights' own (channel-major) order: another float32 order than FastConv's
                KernelAgreement.agree(acc + " forward, weights as rows", new PlainConv().forward(x, weight, bias, g), y,
                        c * k * k);
                same(acc + " forward of a channels-last input, weights as rows", y,
                        actual.forward(x.toChannelsLast(), weight, bias, g));
            } else {
                same(acc + " forward", expected.forward(x, weight, bias, g), y);
                same(acc + " forward of a channels-last input", expected.forward(x, weight, bias, g),
                        actual.forward(x.toChannelsLast(), weight, bias, g));
            }
            same(acc + " input gradient", expected.backwardInput(gy, weight, g), actual.backwardInput(gy, weight, g));
            same(acc + " input gradient of a channels-last dY", expected.backwardInput(gy, weight, g),
                    actual.backwardInput(gy.toChannelsLast(), weight, g));
            same(acc + " weight gradient", expected.backwardWeight(gy, x, g), actual.backwardWeight(gy, x, g));
            same(acc + " weight gradient, channels-last", expected.backwardWeight(gy, x, g),
                    actual.backwardWeight(gy.toChannelsLast(), x.toChannelsLast(), g));
        }
    }

    @ParameterizedTest(name = "n={0} c={1} {2}x{2} oc={3} k={4} relu={5}")
    @CsvSource({"2, 16, 7, 40, 3, true", "1, 3, 12, 64, 7, false", "13, 32, 2, 16, 3, true", "3, 24, 5, 33, 1, false",
            "1, 16, 3, 80, 3, true"})
    void theFusedEpilogueIsTheSeparateMap(int n, int c, int hw, int oc, int k, boolean relu) {
        SplittableRandom r = new SplittableRandom(n * 100L + c + oc);
        Tensor x = random(r, n, c, hw, hw);
        Tensor weight = random(r, oc, c, k, k);
        Tensor bias = random(r, oc);
        ConvGeometry g = ConvGeometry.of(x.shape(), weight.shape(), Size2.of(1), Size2.of(k / 2));
        Epilogue bn = Epilogue.batchNorm(random(r, oc).data(), random(r, oc).data(), random(r, oc).data(),
                positive(random(r, oc).data()), 1e-5);
        Epilogue then = relu ? bn.withRelu() : bn;
        ChannelsLastConv conv = new ChannelsLastConv(Accumulation.FLOAT32);
        Tensor separate = then.applyTo(conv.forward(x, weight, bias, g).contiguous().copy());
        same("fused " + then.relu(), separate, conv.forward(x, weight, bias, g, then));
    }

    /**
     * Inference leaves a 1x1 pass over more than two lane panels of pixels to PixelConvolution and its kept
     * packing, where training reads the weights as rows ({@link WeightRowsConvolution}); both sum each
     * output's channels in the same blocks in the same order, so inference gives training's bits, on the
     * first call (packing) and the second (the kept packing).
     */
    @ParameterizedTest(name = "n={0} c={1} {2}x{2} oc={3} stride={4}")
    @CsvSource({"3, 40, 5, 320, 1", "2, 130, 7, 400, 1", "1, 300, 9, 1100, 1", "2, 64, 13, 400, 2"})
    void aWide1x1InferenceHasTrainingsBits(int n, int c, int hw, int oc, int stride) {
        SplittableRandom r = new SplittableRandom(n * 1000L + c + oc);
        Tensor x = random(r, n, c, hw, hw).toChannelsLast();
        Tensor weight = random(r, oc, c, 1, 1);
        Tensor bias = random(r, oc);
        ConvGeometry g = ConvGeometry.of(x.shape(), weight.shape(), Size2.of(stride), Size2.of(0));
        PixelConvolution.Pass pass = new PixelConvolution.Pass(n, g.oh(), g.ow(), 1, 1, stride, stride, 0, 0, true);
        assertTrue(WeightRowsConvolution.suits(pass, oc, false), "training reads the weights as rows");
        assertFalse(WeightRowsConvolution.suits(pass, oc, true), "inference keeps their packing");
        for (Accumulation acc : new Accumulation[] {Accumulation.FLOAT32, Accumulation.FLOAT32_REVERSED}) {
            ChannelsLastConv conv = new ChannelsLastConv(acc);
            float[] trained = conv.forward(x, weight, bias, g).contiguous().data();
            for (String call : new String[] {"first", "second"}) {
                Tensor inferred = GradMode.noGrad(() -> conv.forward(x, weight, bias, g));
                assertArrayEquals(trained, inferred.contiguous().data(), acc + ", " + call + " inference call");
            }
        }
    }

    /** The padded copy's array is reused by the next call on the thread: its border must read zeros again. */
    @org.junit.jupiter.api.Test
    void aReusedPaddedCopyHoldsNoOldValues() {
        SplittableRandom r = new SplittableRandom(5);
        ChannelsLastConv conv = new ChannelsLastConv(Accumulation.FLOAT32);
        FastConv expected = new FastConv(Accumulation.FLOAT32);
        Tensor big = random(r, 2, 24, 12, 12);
        java.util.Arrays.fill(big.data(), 1e6f);
        Tensor bigWeight = random(r, 8, 24, 1, 1);
        conv.forward(big, bigWeight, null, ConvGeometry.of(big.shape(), bigWeight.shape(), Size2.of(1), Size2.of(2)));
        Tensor x = random(r, 3, 20, 7, 6);
        Tensor w = random(r, 9, 20, 3, 3);
        ConvGeometry g = ConvGeometry.of(x.shape(), w.shape(), Size2.of(1), Size2.of(1));
        same("after a larger padded copy", expected.forward(x, w, null, g), conv.forward(x, w, null, g));
        Tensor gy = random(r, 3, 9, g.oh(), g.ow());
        same("input gradient after it", expected.backwardInput(gy, w, g), conv.backwardInput(gy, w, g));
    }

    /**
     * A training pass packs its weights into the thread's scratch array, over an earlier packing: every
     * float the kernels read must be written anew. Poisoned with NaN first, on shapes with taps that
     * never meet the input (not packed) and output channels that fill part of a lane panel.
     */
    @ParameterizedTest(name = "n={0} c={1} {2}x{3} oc={4} k={5} stride={6} pad={7}")
    @CsvSource({"1, 64, 5, 6, 8, 3, 2, 4", "2, 20, 6, 6, 17, 3, 2, 1", "2, 40, 4, 4, 9, 3, 1, 2", "3, 70, 10, 9, 20, 1, 1, 0"})
    void aReusedPackingHoldsNoOldValues(int n, int c, int h, int w, int oc, int k, int stride, int pad) {
        SplittableRandom r = new SplittableRandom(n * 31L + c + oc);
        Tensor x = random(r, n, c, h, w);
        Tensor weight = random(r, oc, c, k, k);
        ConvGeometry g = ConvGeometry.of(x.shape(), weight.shape(), Size2.of(stride), Size2.of(pad));
        Tensor gy = random(r, n, oc, g.oh(), g.ow());
        FastConv expected = new FastConv(Accumulation.FLOAT32);
        ChannelsLastConv conv = new ChannelsLastConv(Accumulation.FLOAT32);
        java.util.Arrays.fill(Scratch.floats(Scratch.PACKED, 1 << 20), Float.NaN);
        same("forward over a poisoned packing", expected.forward(x, weight, null, g), conv.forward(x, weight, null, g));
        java.util.Arrays.fill(Scratch.floats(Scratch.PACKED, 1 << 20), Float.NaN);
        same("input gradient over a poisoned packing", expected.backwardInput(gy, weight, g),
                conv.backwardInput(gy, weight, g));
    }

    /**
     * A training step's weight gradient is written into the parameter's zeroed gradient array, which holds
     * the step before's: every float must be written anew, the floats of taps no pixel reaches (zero) too.
     * Poisoned with NaN first, on shapes with such taps (1x1 and 2x2 maps, padding wider than the kernel)
     * and without, by tiles and by blocks.
     */
    @ParameterizedTest(name = "n={0} c={1} {2}x{3} oc={4} k={5} stride={6} pad={7}")
    @CsvSource({"12, 48, 1, 1, 33, 3, 1, 1", "13, 32, 2, 2, 40, 3, 1, 1", "1, 64, 5, 6, 8, 3, 2, 4",
            // 64 -> 64 channels on a 6x6 map: the direct sums (from 7x7, Winograd's)
            "16, 64, 6, 6, 64, 3, 1, 1", "8, 8, 32, 32, 24, 3, 1, 1", "6, 16, 40, 40, 20, 3, 2, 1", "3, 70, 10, 9, 20, 1, 1, 0"})
    void aWeightGradientWrittenOverAnOldOneHoldsNoOldValues(int n, int c, int h, int w, int oc, int k, int stride,
            int pad) {
        SplittableRandom r = new SplittableRandom(n * 17L + c + oc);
        Tensor x = random(r, n, c, h, w);
        Tensor weight = random(r, oc, c, k, k);
        ConvGeometry g = ConvGeometry.of(x.shape(), weight.shape(), Size2.of(stride), Size2.of(pad));
        Tensor gy = random(r, n, oc, g.oh(), g.ow()).toChannelsLast();
        for (Accumulation acc : new Accumulation[] {Accumulation.FLOAT32, Accumulation.FLOAT32_REVERSED}) {
            ChannelsLastConv conv = new ChannelsLastConv(acc);
            float[] into = new float[oc * c * k * k];
            java.util.Arrays.fill(into, Float.NaN);
            assertTrue(conv.backwardWeight(gy, x, g, into), "written in place");
            same(acc + " weight gradient over a poisoned array", conv.backwardWeight(gy, x, g), Tensor.of(into,
                    weight.shape()));
        }
        float[] wrong = new float[oc * c * k * k + 1];
        assertFalse(new ChannelsLastConv(Accumulation.FLOAT32).backwardWeight(gy, x, g, wrong),
                "an array of another size is declined");
        assertTrue(java.util.Arrays.equals(new float[wrong.length], wrong), "and left as it was");
    }

    /** Through the layer: after zeroGrad, the next backward writes the same gradient array a fresh layer's backward makes. */
    @org.junit.jupiter.api.Test
    void aSecondTrainingStepsWeightGradientIsAFreshOne() {
        SplittableRandom r = new SplittableRandom(11);
        dev.resnettck.nn.Conv2dOptions options = dev.resnettck.nn.Conv2dOptions.of(48, 33, 3, 1, 1, false);
        Tensor weight = random(r, 33, 48, 3, 3);
        Tensor x = random(r, 12, 48, 1, 1).toChannelsLast();
        dev.resnettck.layers.Conv2d trained = new dev.resnettck.layers.Conv2d(options, new ChannelsLastConv(
                Accumulation.FLOAT32));
        trained.parameters().get("weight").set(weight);
        trained.forward(x);
        trained.backward(random(r, 12, 33, 1, 1).toChannelsLast(), false);
        float[] first = trained.parameters().get("weight").grad().data();
        trained.parameters().get("weight").zeroGrad();
        Tensor gy = random(r, 12, 33, 1, 1).toChannelsLast();
        trained.forward(x);
        trained.backward(gy, false);
        dev.resnettck.layers.Conv2d fresh = new dev.resnettck.layers.Conv2d(options, new ChannelsLastConv(
                Accumulation.FLOAT32));
        fresh.parameters().get("weight").set(weight);
        fresh.forward(x);
        fresh.backward(gy, false);
        assertSame(first, trained.parameters().get("weight").grad().data(), "the zeroed array was written, not replaced");
        same("the second step's gradient", fresh.parameters().get("weight").grad(), trained.parameters().get("weight")
                .grad());
    }

    private static float[] positive(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]) + 0.1f;
        }
        return v;
    }

    /** Equal as numbers, element for element (NaN as NaN). */
    private static void same(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.data();
        float[] a = actual.data();
        for (int i = 0; i < e.length; i++) {
            if (e[i] != a[i] && !(Float.isNaN(e[i]) && Float.isNaN(a[i]))) {
                assertEquals(e[i], a[i], what + " element " + i);
            }
        }
    }
}
