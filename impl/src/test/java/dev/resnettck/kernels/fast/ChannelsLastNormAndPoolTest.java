package dev.resnettck.kernels.fast;

import static dev.resnettck.kernels.fast.KernelAgreement.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.kernels.BatchNormKernels.BatchStats;
import dev.resnettck.kernels.PoolGeometry;
import dev.resnettck.kernels.plain.PlainBatchNorm;
import dev.resnettck.nn.MaxPool2dOptions;
import dev.resnettck.nn.Size2;
import dev.resnettck.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The channels-last batch norm and pooling give the plain batch norm's and {@link FastPool}'s
 * results bit for bit (same sums, same order), from channels-last and NCHW inputs, on channel
 * counts that fill vectors and leave tails, with ties, NaNs and infinities in the pooled windows.
 */
class ChannelsLastNormAndPoolTest {
    private final PlainBatchNorm plain = new PlainBatchNorm();
    private final ChannelsLastBatchNorm norm = new ChannelsLastBatchNorm();
    private final FastPool nchw = new FastPool();
    private final ChannelsLastPool pool = new ChannelsLastPool();

    @ParameterizedTest(name = "n={0} c={1} {2}x{3}")
    @CsvSource({"2, 3, 5, 4", "4, 16, 7, 7", "3, 21, 4, 6", "2, 64, 3, 3", "8, 33, 1, 1"})
    void batchNormIsThePlainKernels(int n, int c, int h, int w) {
        SplittableRandom r = new SplittableRandom(c * 31L + h);
        Tensor x = random(r, n, c, h, w);
        Tensor dy = random(r, n, c, h, w);
        float[] gamma = random(r, c).data();
        float[] beta = random(r, c).data();
        float[] runningMean = random(r, c).data();
        float[] runningVar = positive(random(r, c).data());
        for (Tensor input : new Tensor[] {x, x.toChannelsLast()}) {
            BatchStats expectedStats = new BatchStats(new double[c], new double[c]);
            BatchStats stats = new BatchStats(new double[c], new double[c]);
            Tensor expected = plain.forwardTraining(x, gamma, beta, 1e-5, expectedStats);
            Tensor actual = norm.forwardTraining(input, gamma, beta, 1e-5, stats);
            assertTrue(actual.isChannelsLast(), "channels-last output");
            assertArrayEquals(expected.data(), actual.data(), "training forward");
            assertArrayEquals(expectedStats.mean(), stats.mean(), "batch mean");
            assertArrayEquals(expectedStats.variance(), stats.variance(), "batch variance");
            assertArrayEquals(plain.forwardEval(x, gamma, beta, runningMean, runningVar, 1e-5).data(),
                    norm.forwardEval(input, gamma, beta, runningMean, runningVar, 1e-5).data(), "evaluation forward");
            for (boolean training : new boolean[] {true, false}) {
                float[] dGamma = new float[c];
                float[] dBeta = new float[c];
                float[] eGamma = new float[c];
                float[] eBeta = new float[c];
                Tensor e = plain.backward(dy, x, gamma, expectedStats, 1e-5, training, eGamma, eBeta);
                Tensor a = norm.backward(dy.toChannelsLast(), input, gamma, stats, 1e-5, training, dGamma, dBeta);
                assertArrayEquals(e.data(), a.data(), "backward, training " + training);
                assertArrayEquals(eGamma, dGamma, "dgamma");
                assertArrayEquals(eBeta, dBeta, "dbeta");
            }
        }
    }

    @ParameterizedTest(name = "n={0} c={1} {2}x{3} k={4} s={5} p={6}")
    @CsvSource({"2, 3, 9, 8, 3, 2, 1", "1, 16, 12, 12, 3, 2, 1", "2, 35, 7, 5, 2, 2, 0", "3, 20, 6, 6, 3, 1, 1",
            "1, 64, 11, 11, 3, 2, 1"})
    void poolingIsFastPools(int n, int c, int h, int w, int k, int s, int p) {
        SplittableRandom r = new SplittableRandom(c * 7L + h);
        float[] v = random(r, n, c, h, w).data();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(v[i] * 4) / 4f; // ties
        }
        v[5] = Float.NaN;
        v[v.length / 2] = Float.NaN;
        v[v.length / 3] = Float.POSITIVE_INFINITY;
        v[v.length - 2] = Float.NEGATIVE_INFINITY;
        Tensor x = Tensor.of(v, n, c, h, w);
        PoolGeometry g = PoolGeometry.of(x.shape(), new MaxPool2dOptions(Size2.of(k), Size2.of(s), Size2.of(p)));
        int outputs = n * c * g.oh() * g.ow();
        Tensor dy = random(r, n, c, g.oh(), g.ow());
        for (Tensor input : new Tensor[] {x, x.toChannelsLast()}) {
            int[] expectedArgmax = new int[outputs];
            int[] argmax = new int[outputs];
            Tensor expected = nchw.maxPoolForward(x, g, expectedArgmax);
            Tensor actual = pool.maxPoolForward(input, g, argmax);
            assertTrue(actual.isChannelsLast(), "channels-last output");
            assertBitsEqual(expected.data(), actual.data(), "max pool");
            assertArrayEquals(nchw.maxPoolBackward(dy, g, expectedArgmax).data(),
                    pool.maxPoolBackward(dy.toChannelsLast(), g, argmax).data(), "max pool backward");
            assertBitsEqual(nchw.globalAvgPoolForward(x).data(), pool.globalAvgPoolForward(input).data(), "average pool");
        }
        Tensor go = random(r, n, c, 1, 1);
        assertArrayEquals(nchw.globalAvgPoolBackward(go, h, w).data(), pool.globalAvgPoolBackward(go, h, w).data(),
                "average pool backward");
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        assertArrayEquals(expected, actual, what); // assertArrayEquals compares floats as bits: NaN equals NaN
    }

    private static float[] positive(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]) + 0.1f;
        }
        return v;
    }
}
