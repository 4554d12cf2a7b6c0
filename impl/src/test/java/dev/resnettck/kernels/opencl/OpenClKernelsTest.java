package dev.resnettck.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.resnettck.kernels.Backend;
import dev.resnettck.kernels.BatchNormKernels.BatchStats;
import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.PoolGeometry;
import dev.resnettck.kernels.plain.PlainBackend;
import dev.resnettck.nn.MaxPool2dOptions;
import dev.resnettck.nn.Size2;
import dev.resnettck.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The strict OpenCL kernels against the plain ones (both sum in double and round once: at most one
 * ulp apart), their independence from the work-group tile, and resident weights never going stale.
 * The conformance suite checks them against PyTorch; this catches a broken kernel in seconds.
 */
class OpenClKernelsTest {
    private static Backend cl;
    private static final Backend PLAIN = PlainBackend.create();

    @BeforeAll
    static void device() {
        assumeTrue(OpenClDevice.unavailableReason().isEmpty(),
                () -> "OpenCL unavailable, kernels not tested: " + OpenClDevice.unavailableReason().orElseThrow());
        cl = OpenClBackend.create(OpenClOptions.STRICT);
    }

    @Test
    void convolutionPassesMatchThePlainKernels() {
        // non-square, strided, padded, channel counts that are not multiples of any tile
        Tensor x = random(1, 3, 5, 11, 9);
        Tensor w = random(2, 7, 5, 3, 2);
        Tensor bias = random(3, 7);
        ConvGeometry g = ConvGeometry.of(x.shape(), w.shape(), Size2.of(2, 1), Size2.of(1, 1));
        Tensor dy = random(4, g.outputShape());
        assertWithinOneUlp(PLAIN.conv().forward(x, w, bias, g), cl.conv().forward(x, w, bias, g), "forward");
        assertWithinOneUlp(PLAIN.conv().backwardInput(dy, w, g), cl.conv().backwardInput(dy, w, g), "input gradient");
        assertWithinOneUlp(PLAIN.conv().backwardWeight(dy, x, g), cl.conv().backwardWeight(dy, x, g), "weight gradient");
    }

    @Test
    void resultsDoNotDependOnTheTile() {
        Tensor x = random(5, 2, 6, 13, 13);
        Tensor w = random(6, 9, 6, 3, 3);
        ConvGeometry g = ConvGeometry.of(x.shape(), w.shape(), Size2.of(1), Size2.of(1));
        float[] reference = cl.conv().forward(x, w, null, g).data();
        for (int tile : new int[] {4, 8, 16}) {
            Backend other = OpenClBackend.create(OpenClOptions.STRICT, tile);
            assertArrayEquals(reference, other.conv().forward(x, w, null, g).data(), "tile " + tile);
        }
        assertArrayEquals(reference, cl.conv().forward(x, w, null, g).data(), "a second run");
    }

    @Test
    void aWeightChangedInPlaceIsUploadedAgain() {
        Tensor x = random(7, 1, 2, 4, 4);
        Tensor w = random(8, 3, 2, 3, 3);
        ConvGeometry g = ConvGeometry.of(x.shape(), w.shape(), Size2.of(1), Size2.of(1));
        cl.conv().forward(x, w, null, g);
        w.data()[5] += 1.0f; // what an optimizer step does to a parameter
        assertWithinOneUlp(PLAIN.conv().forward(x, w, null, g), cl.conv().forward(x, w, null, g), "after the update");
    }

    @Test
    void linearPassesMatchThePlainKernels() {
        Tensor x = random(9, 5, 37);
        Tensor w = random(10, 19, 37);
        Tensor bias = random(11, 19);
        Tensor dy = random(12, 5, 19);
        assertWithinOneUlp(PLAIN.linear().forward(x, w, bias), cl.linear().forward(x, w, bias), "forward");
        assertWithinOneUlp(PLAIN.linear().backwardInput(dy, w), cl.linear().backwardInput(dy, w), "input gradient");
        assertWithinOneUlp(PLAIN.linear().backwardWeight(dy, x), cl.linear().backwardWeight(dy, x), "weight gradient");
    }

    @Test
    void batchNormTrainingMatchesThePlainKernels() {
        Tensor x = random(13, 3, 4, 5, 6);
        float[] gamma = random(14, 4).data();
        float[] beta = random(15, 4).data();
        Tensor dy = random(16, 3, 4, 5, 6);
        BatchStats plainStats = new BatchStats(new double[4], new double[4]);
        BatchStats clStats = new BatchStats(new double[4], new double[4]);
        Tensor expected = PLAIN.batchNorm().forwardTraining(x, gamma, beta, 1e-5, plainStats);
        assertWithinOneUlp(expected, cl.batchNorm().forwardTraining(x, gamma, beta, 1e-5, clStats), "forward");
        assertArrayEquals(plainStats.mean(), clStats.mean(), "batch means (same order of summation)");
        assertArrayEquals(plainStats.variance(), clStats.variance(), "batch variances");
        float[][] plainGrads = {new float[4], new float[4]};
        float[][] clGrads = {new float[4], new float[4]};
        Tensor plainDx = PLAIN.batchNorm().backward(dy, x, gamma, plainStats, 1e-5, true, plainGrads[0], plainGrads[1]);
        Tensor clDx = cl.batchNorm().backward(dy, x, gamma, clStats, 1e-5, true, clGrads[0], clGrads[1]);
        assertWithinOneUlp(plainDx, clDx, "input gradient");
        assertArrayEquals(plainGrads[0], clGrads[0], "gamma gradient");
        assertArrayEquals(plainGrads[1], clGrads[1], "beta gradient");
    }

    @Test
    void maxPoolingKeepsTorchsTieAndNanRules() {
        float nan = Float.NaN;
        // ties (the first maximum wins) and a NaN (which beats every number)
        Tensor x = Tensor.of(new float[] {1, 3, 3, 0, 2, 3, 1, nan, 0, 0, 5, 5, 4, 5, 1, 2}, 1, 1, 4, 4);
        PoolGeometry g = PoolGeometry.of(x.shape(), MaxPool2dOptions.of(3, 2, 1));
        int[] plainArgmax = new int[4];
        int[] clArgmax = new int[4];
        Tensor expected = PLAIN.pool().maxPoolForward(x, g, plainArgmax);
        assertArrayEquals(expected.data(), cl.pool().maxPoolForward(x, g, clArgmax).data());
        assertArrayEquals(plainArgmax, clArgmax);
        Tensor dy = random(17, g.outputShape());
        assertArrayEquals(PLAIN.pool().maxPoolBackward(dy, g, plainArgmax).data(),
                cl.pool().maxPoolBackward(dy, g, clArgmax).data());
        Tensor planes = random(18, 2, 3, 5, 7);
        assertArrayEquals(PLAIN.pool().globalAvgPoolForward(planes).data(), cl.pool().globalAvgPoolForward(planes).data());
        Tensor dPlanes = random(19, 2, 3, 1, 1);
        assertArrayEquals(PLAIN.pool().globalAvgPoolBackward(dPlanes, 5, 7).data(),
                cl.pool().globalAvgPoolBackward(dPlanes, 5, 7).data());
    }

    private static Tensor random(long seed, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (r.nextDouble(-2, 2));
        }
        return t;
    }

    private static void assertWithinOneUlp(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.data();
        float[] a = actual.data();
        for (int i = 0; i < e.length; i++) {
            float diff = Math.abs(e[i] - a[i]);
            int at = i;
            assertTrue(diff <= Math.ulp(e[i]), () -> what + " at " + at + ": " + a[at] + " vs plain " + e[at]);
        }
    }
}
