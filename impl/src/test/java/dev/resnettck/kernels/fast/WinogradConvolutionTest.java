package dev.resnettck.kernels.fast;

import static dev.resnettck.kernels.fast.KernelAgreement.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.Epilogue;
import dev.resnettck.kernels.plain.PlainConv;
import dev.resnettck.nn.GradMode;
import dev.resnettck.nn.Size2;
import dev.resnettck.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 3x3 stride-1 convolutions that take {@link WinogradConvolution} (another float32 order than the
 * direct sums) agree with the plain kernels within float32 rounding, forward (training and inference,
 * with and without a bias) and input gradient, on maps whose tiles do and do not fit (odd sides: the
 * last tile's second row and column dropped), panels of tiles that do not fill, several depth blocks,
 * NCHW and channels-last inputs. An off-by-one tap or a wrong transform coefficient is off by the size
 * of a value, far outside the bound.
 */
class WinogradConvolutionTest {
    private static final ChannelsLastConv CONV = new ChannelsLastConv(Accumulation.FLOAT32);

    @ParameterizedTest(name = "n={0} c={1} {2}x{3} oc={4}")
    @CsvSource({"4, 128, 7, 7, 128", "3, 160, 9, 12, 128", "2, 128, 14, 14, 192", "3, 288, 16, 15, 256",
            "3, 64, 20, 19, 64", "2, 64, 28, 28, 96"})
    void agreesWithThePlainKernels(int n, int c, int h, int w, int oc) {
        SplittableRandom r = new SplittableRandom(n * 1000L + c + oc + h);
        Tensor x = random(r, n, c, h, w);
        Tensor weight = random(r, oc, c, 3, 3);
        Tensor bias = random(r, oc);
        ConvGeometry g = ConvGeometry.of(x.shape(), weight.shape(), Size2.of(1), Size2.of(1));
        assertTrue(WinogradConvolution.suits(Accumulation.FLOAT32, g, true), "inference takes the Winograd path");
        assertTrue(WinogradConvolution.suits(Accumulation.FLOAT32, g, false), "so do training and the input gradient");
        PlainConv plain = new PlainConv();
        int depth = c * 9;
        Tensor expected = plain.forward(x, weight, bias, g);
        KernelAgreement.agree("inference", expected, GradMode.noGrad(() -> CONV.forward(x, weight, bias, g)).contiguous(),
                depth);
        KernelAgreement.agree("inference, kept kernels", expected,
                GradMode.noGrad(() -> CONV.forward(x.toChannelsLast(), weight, bias, g)).contiguous(), depth);
        KernelAgreement.agree("inference without a bias", plain.forward(x, weight, null, g),
                GradMode.noGrad(() -> CONV.forward(x, weight, null, g)).contiguous(), depth);
        KernelAgreement.agree("training", expected,
                CONV.forward(x, weight, bias, g).contiguous(), depth);
        Tensor gy = random(r, n, oc, h, w);
        KernelAgreement.agree("input gradient", plain.backwardInput(gy, weight, g),
                CONV.backwardInput(gy.toChannelsLast(), weight, g).contiguous(), oc * 9);
    }

    /** The shapes above take the path in training too, where asked (not only in inference). */
    @Test
    void trainingTakesThePathWhereTheTilesOutnumberHalfTheChannels() {
        assertTrue(suits(4, 128, 14, 128, false), "128->128 @14, batch 4: 196 tiles");
        assertFalse(suits(8, 512, 7, 512, false), "512->512 @7, batch 8: 128 tiles, fewer than 256");
        assertTrue(suits(8, 512, 7, 512, true), "the same in inference, its kernels kept");
        assertTrue(suits(8, 64, 56, 64, false), "64 channels, run group by group");
        assertFalse(suits(8, 32, 56, 32, true), "32 channels: the direct sums");
        assertFalse(suits(64, 64, 7, 64, false), "64 channels on a 7x7 map: the direct sums");
        assertTrue(suits(64, 128, 7, 128, false), "128 channels on a 7x7 map");
        assertFalse(suits(8, 64, 14, 2048, true), "64 -> 2048 channels: too many kernels to run group by group, too few"
                + " channels for the passes over the whole batch");
        assertFalse(suits(64, 256, 4, 256, true), "a 4x4 map: the direct sums skip taps in the padding");
        assertFalse(suits(1, 128, 7, 128, true), "16 tiles");
        ConvGeometry strided = ConvGeometry.of(new int[] {8, 128, 28, 28}, new int[] {128, 128, 3, 3}, Size2.of(2),
                Size2.of(1));
        assertFalse(WinogradConvolution.suits(Accumulation.FLOAT32, strided, true), "stride 2");
        ConvGeometry g = geometry(8, 128, 28, 128);
        assertFalse(WinogradConvolution.suits(Accumulation.FLOAT32_REVERSED, g, true), "the reversed calibration build");
    }

    /** Batch norm, the residual and ReLU fused into the Winograd sums write what the separate layers would. */
    @Test
    void theFusedEpilogueIsTheSeparateMap() {
        SplittableRandom r = new SplittableRandom(3);
        int oc = 128;
        Tensor x = random(r, 4, 128, 9, 9);
        Tensor weight = random(r, oc, 128, 3, 3);
        Tensor residual = random(r, 4, oc, 9, 9);
        ConvGeometry g = ConvGeometry.of(x.shape(), weight.shape(), Size2.of(1), Size2.of(1));
        float[] variance = random(r, oc).data();
        for (int i = 0; i < oc; i++) {
            variance[i] = Math.abs(variance[i]) + 0.1f;
        }
        Epilogue then = Epilogue.batchNorm(random(r, oc).data(), random(r, oc).data(), random(r, oc).data(), variance,
                1e-5).withResidual(residual).withRelu();
        Tensor separate = GradMode.noGrad(() -> then.applyTo(CONV.forward(x, weight, null, g).contiguous().copy()));
        Tensor fused = GradMode.noGrad(() -> CONV.forward(x, weight, null, g, then));
        assertArrayEquals(separate.contiguous().data(), fused.contiguous().data(), "fused against separate");
    }

    /** Transformed kernels are written into the thread's scratch array over old ones: every float read is written anew. */
    @Test
    void aReusedKernelScratchHoldsNoOldValues() {
        SplittableRandom r = new SplittableRandom(9);
        Tensor x = random(r, 4, 128, 14, 14);
        Tensor weight = random(r, 160, 128, 3, 3);
        ConvGeometry g = ConvGeometry.of(x.shape(), weight.shape(), Size2.of(1), Size2.of(1));
        Tensor gy = random(r, 4, 160, 14, 14);
        float[] forward = CONV.forward(x, weight, null, g).contiguous().data();
        float[] inputGradient = CONV.backwardInput(gy, weight, g).contiguous().data();
        Arrays.fill(Scratch.floats(Scratch.PACKED, 1 << 22), Float.NaN);
        assertArrayEquals(forward, CONV.forward(x, weight, null, g).contiguous().data(), "forward over poisoned kernels");
        Arrays.fill(Scratch.floats(Scratch.PACKED, 1 << 22), Float.NaN);
        assertArrayEquals(inputGradient, CONV.backwardInput(gy, weight, g).contiguous().data(),
                "input gradient over poisoned kernels");
    }

    /**
     * Group by group, the passes give every output the float operations of the passes over the whole batch: the
     * same bits, on groups that do and do not fill (a last group of one partial panel), tiles cut by the map's
     * edge, 64 to 256 channels, through the bias and an epilogue. A tile run in the wrong group, or a product
     * read from another tile's place, differs by the size of a value.
     */
    @ParameterizedTest(name = "n={0} c={1} {2}x{3} oc={4}")
    @CsvSource({"3, 64, 20, 19, 64", "2, 128, 13, 15, 96", "1, 256, 14, 14, 256", "5, 64, 7, 9, 128"})
    void groupByGroupGivesThePassesBits(int n, int c, int h, int w, int oc) {
        SplittableRandom r = new SplittableRandom(n * 31L + c + h * w);
        Tensor x = random(r, n, c, h, w);
        Tensor weight = random(r, oc, c, 3, 3);
        ConvGeometry g = ConvGeometry.of(x.shape(), weight.shape(), Size2.of(1), Size2.of(1));
        assertTrue(WinogradConvolution.grouped(c, oc), "the shape runs group by group");
        int tiles = n * ((h + 1) / 2) * ((w + 1) / 2);
        int group = WinogradConvolution.groupTiles(c, oc);
        assertTrue(tiles > group && tiles % group != 0, tiles + " tiles: more than one group, the last partial");
        int[] border = WinogradConvolution.border(h, w, h, w);
        PaddedNhwc in = PaddedNhwc.of(x, border[0], border[1], border[2], border[3]);
        float[] u = WinogradConvolution.kernels(weight.contiguous().data(), oc, c, false, null);
        float[] variance = random(r, oc).data();
        for (int i = 0; i < oc; i++) {
            variance[i] = Math.abs(variance[i]) + 0.1f;
        }
        Epilogue then = Epilogue.batchNorm(random(r, oc).data(), random(r, oc).data(), random(r, oc).data(), variance,
                1e-5).withRelu();
        ChannelRows rows = new ChannelRows(random(r, oc).data(), then, null);
        float[] passes = new float[n * h * w * oc];
        float[] groups = new float[n * h * w * oc];
        WinogradConvolution.runPasses(in, h, w, u, oc, passes, rows);
        Arrays.fill(Scratch.floats(Scratch.WINOGRAD_PATCHES, 1 << 20), Float.NaN);
        Arrays.fill(Scratch.floats(Scratch.WINOGRAD_PRODUCTS, 1 << 20), Float.NaN);
        WinogradConvolution.runGrouped(in, h, w, u, oc, groups, rows);
        assertArrayEquals(passes, groups, "group by group (over poisoned scratch arrays) against the passes");
    }

    private static boolean suits(int n, int c, int hw, int oc, boolean packingKept) {
        return WinogradConvolution.suits(Accumulation.FLOAT32, geometry(n, c, hw, oc), packingKept);
    }

    private static ConvGeometry geometry(int n, int c, int hw, int oc) {
        return ConvGeometry.of(new int[] {n, c, hw, hw}, new int[] {oc, c, 3, 3}, Size2.of(1), Size2.of(1));
    }
}
