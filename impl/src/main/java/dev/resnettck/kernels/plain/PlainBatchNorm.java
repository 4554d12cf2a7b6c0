package dev.resnettck.kernels.plain;

import dev.resnettck.kernels.BatchNormKernels;
import dev.resnettck.kernels.Epilogue;
import dev.resnettck.tensor.Tensor;
import java.util.function.IntConsumer;

/**
 * Batch normalisation written out channel by channel, in double. Every channel (every image-channel
 * plane when normalising) is an independent task with its sums in a fixed order, so the tasks may
 * run one after another (this kernel) or on a thread pool (the fast kernels pass theirs) with
 * bit-identical results.
 */
public final class PlainBatchNorm implements BatchNormKernels {
    /** Runs {@code body} for every index in [0, count), in any order or concurrently. */
    @FunctionalInterface
    public interface IndexLoop {
        void forEach(int count, IntConsumer body);
    }

    private final IndexLoop loop;

    /** One task after another, on the calling thread. */
    public PlainBatchNorm() {
        this((count, body) -> {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
        });
    }

    public PlainBatchNorm(IndexLoop loop) {
        this.loop = loop;
    }

    @Override
    public Tensor forwardTraining(Tensor x, float[] gamma, float[] beta, double eps, BatchStats statsOut) {
        int[] s = x.shape();
        float[] in = x.data();
        int n = s[0], c = s[1], plane = s[2] * s[3];
        long count = (long) n * plane;
        loop.forEach(c, ch -> {
            double sum = 0;
            for (int b = 0; b < n; b++) {
                int at = (b * c + ch) * plane;
                for (int i = 0; i < plane; i++) {
                    sum += in[at + i];
                }
            }
            double mean = sum / count;
            double squares = 0;
            for (int b = 0; b < n; b++) {
                int at = (b * c + ch) * plane;
                for (int i = 0; i < plane; i++) {
                    double d = in[at + i] - mean;
                    squares += d * d;
                }
            }
            statsOut.mean()[ch] = mean;
            statsOut.variance()[ch] = squares / count;
        });
        return normalize(x, gamma, beta, statsOut.mean(), statsOut.variance(), eps);
    }

    @Override
    public Tensor forwardEval(Tensor x, float[] gamma, float[] beta, float[] runningMean, float[] runningVar,
                              double eps) {
        double[] mean = new double[runningMean.length];
        double[] var = new double[runningVar.length];
        for (int ch = 0; ch < mean.length; ch++) {
            mean[ch] = runningMean[ch];
            var[ch] = runningVar[ch];
        }
        return normalize(x, gamma, beta, mean, var, eps);
    }

    /** {@link #normalize} is exactly {@link Epilogue}'s map. */
    @Override
    public Epilogue evalEpilogue(float[] gamma, float[] beta, float[] runningMean, float[] runningVar, double eps) {
        return Epilogue.batchNorm(gamma, beta, runningMean, runningVar, eps);
    }

    private Tensor normalize(Tensor x, float[] gamma, float[] beta, double[] mean, double[] var, double eps) {
        int[] s = x.shape();
        float[] in = x.data();
        int n = s[0], c = s[1], plane = s[2] * s[3];
        float[] out = new float[in.length];
        loop.forEach(n * c, bc -> {
            int ch = bc % c;
            double invStd = 1 / Math.sqrt(var[ch] + eps);
            int at = bc * plane;
            for (int i = 0; i < plane; i++) {
                out[at + i] = (float) ((in[at + i] - mean[ch]) * invStd * gamma[ch] + beta[ch]);
            }
        });
        return Tensor.of(out, s);
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tensor x, float[] gamma, BatchStats stats, double eps, boolean training,
                           float[] gradGammaOut, float[] gradBetaOut) {
        int[] s = x.shape();
        float[] in = x.data();
        float[] dy = gradOutput.data();
        int n = s[0], c = s[1], plane = s[2] * s[3];
        long count = (long) n * plane;
        float[] dx = new float[in.length];
        loop.forEach(c, ch -> {
            double mean = stats.mean()[ch];
            double invStd = 1 / Math.sqrt(stats.variance()[ch] + eps);
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int b = 0; b < n; b++) {
                int at = (b * c + ch) * plane;
                for (int i = 0; i < plane; i++) {
                    sumDy += dy[at + i];
                    sumDyXhat += dy[at + i] * ((in[at + i] - mean) * invStd);
                }
            }
            gradGammaOut[ch] = (float) sumDyXhat;
            gradBetaOut[ch] = (float) sumDy;
            double scale = gamma[ch] * invStd;
            for (int b = 0; b < n; b++) {
                int at = (b * c + ch) * plane;
                for (int i = 0; i < plane; i++) {
                    double g = dy[at + i];
                    if (training) {
                        // the batch statistics depend on x: subtract the mean gradient and its projection on xhat
                        double xhat = (in[at + i] - mean) * invStd;
                        g = g - sumDy / count - xhat * sumDyXhat / count;
                    }
                    dx[at + i] = (float) (scale * g);
                }
            }
        });
        return Tensor.of(dx, s);
    }
}
