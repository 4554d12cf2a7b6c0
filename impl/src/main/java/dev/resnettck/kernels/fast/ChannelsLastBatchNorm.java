package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.BatchNormKernels;
import dev.resnettck.kernels.Epilogue;
import dev.resnettck.kernels.plain.PlainBatchNorm;
import dev.resnettck.tensor.Tensor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PlainBatchNorm}'s arithmetic on channels-last activations (inputs of another layout are
 * made channels-last first; outputs are channels-last). A pixel's channels are contiguous, so every
 * per-channel loop runs with the channels in vector lanes: each lane sums its channel over the
 * pixels (image, y, x) in order, the plain kernel's order, and every other operation is the plain
 * kernel's, in double, in the same order; so the results are its results, bit for bit. Tasks are
 * groups of channels (sums) or runs of pixels (element-wise maps).
 */
public final class ChannelsLastBatchNorm implements BatchNormKernels {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** As many floats as D has doubles. */
    private static final VectorSpecies<Float> FD = VectorSpecies.of(float.class,
            VectorShape.forBitSize(D.vectorBitSize() / 2));
    /** Channels per summing task: a cache line of floats per pixel on AVX-512. */
    private static final int GROUP = 2 * D.length();
    /** Floats per element-wise task. */
    private static final int RUN = 1 << 14;

    @Override
    public Tensor forwardTraining(Tensor x, float[] gamma, float[] beta, double eps, BatchStats statsOut) {
        Tensor in = x.toChannelsLast();
        float[] v = in.storage();
        int c = in.size(1);
        int pixels = pixels(v, c);
        double[] mean = statsOut.mean();
        double[] variance = statsOut.variance();
        Parallel.forEach(groups(c), g -> {
            int c0 = g * GROUP;
            int c1 = Math.min(c, c0 + GROUP);
            for (int ch = c0; ch < c1; ch += lanes(ch, c1)) {
                if (lanes(ch, c1) == D.length()) {
                    DoubleVector sum = DoubleVector.zero(D);
                    for (int p = 0; p < pixels; p++) {
                        sum = sum.add(widen(v, p * c + ch));
                    }
                    DoubleVector m = sum.div(pixels);
                    m.intoArray(mean, ch);
                    DoubleVector squares = DoubleVector.zero(D);
                    for (int p = 0; p < pixels; p++) {
                        DoubleVector d = widen(v, p * c + ch).sub(m);
                        squares = squares.add(d.mul(d));
                    }
                    squares.div(pixels).intoArray(variance, ch);
                } else {
                    double sum = 0;
                    for (int p = 0; p < pixels; p++) {
                        sum += v[p * c + ch];
                    }
                    mean[ch] = sum / pixels;
                    double squares = 0;
                    for (int p = 0; p < pixels; p++) {
                        double d = v[p * c + ch] - mean[ch];
                        squares += d * d;
                    }
                    variance[ch] = squares / pixels;
                }
            }
        });
        return normalize(in, gamma, beta, mean, variance, eps);
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
        return normalize(x.toChannelsLast(), gamma, beta, mean, var, eps);
    }

    /** {@link #normalize} is exactly {@link Epilogue}'s map. */
    @Override
    public Epilogue evalEpilogue(float[] gamma, float[] beta, float[] runningMean, float[] runningVar, double eps) {
        return Epilogue.batchNorm(gamma, beta, runningMean, runningVar, eps);
    }

    /** {@code (float) ((v - mean) * invStd * gamma + beta)} in double with {@code invStd = 1 / sqrt(var + eps)}. */
    private static Tensor normalize(Tensor in, float[] gamma, float[] beta, double[] mean, double[] var, double eps) {
        ChannelRows rows = new ChannelRows(null, new Epilogue(mean, invStd(var, eps), gamma, beta, null, false), null);
        float[] v = in.storage();
        float[] out = new float[v.length];
        int c = in.size(1);
        int pixels = pixels(v, c);
        int perTask = Math.max(1, RUN / Math.max(c, 1));
        Parallel.forEach((pixels + perTask - 1) / perTask, task -> {
            for (int p = task * perTask; p < Math.min(pixels, (task + 1) * perTask); p++) {
                rows.write(v, p * c, out, p * c, 0, c);
            }
        });
        return in.withStorage(out);
    }

    private static double[] invStd(double[] var, double eps) {
        double[] invStd = new double[var.length];
        for (int ch = 0; ch < var.length; ch++) {
            invStd[ch] = 1 / Math.sqrt(var[ch] + eps);
        }
        return invStd;
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tensor x, float[] gamma, BatchStats stats, double eps, boolean training,
                           float[] gradGammaOut, float[] gradBetaOut) {
        Tensor in = x.toChannelsLast();
        float[] v = in.storage();
        float[] dy = gradOutput.inLayoutOf(in).storage();
        int c = in.size(1);
        int pixels = pixels(v, c);
        double[] invStd = invStd(stats.variance(), eps);
        double[] mean = stats.mean();
        double[] sumDy = new double[c];
        double[] sumDyXhat = new double[c];
        Parallel.forEach(groups(c), g -> {
            int c0 = g * GROUP;
            int c1 = Math.min(c, c0 + GROUP);
            for (int ch = c0; ch < c1; ch += lanes(ch, c1)) {
                if (lanes(ch, c1) == D.length()) {
                    DoubleVector m = DoubleVector.fromArray(D, mean, ch);
                    DoubleVector s = DoubleVector.fromArray(D, invStd, ch);
                    DoubleVector a = DoubleVector.zero(D);
                    DoubleVector b = DoubleVector.zero(D);
                    for (int p = 0; p < pixels; p++) {
                        DoubleVector d = widen(dy, p * c + ch);
                        a = a.add(d);
                        b = b.add(d.mul(widen(v, p * c + ch).sub(m).mul(s)));
                    }
                    a.intoArray(sumDy, ch);
                    b.intoArray(sumDyXhat, ch);
                } else {
                    for (int p = 0; p < pixels; p++) {
                        sumDy[ch] += dy[p * c + ch];
                        sumDyXhat[ch] += dy[p * c + ch] * ((v[p * c + ch] - mean[ch]) * invStd[ch]);
                    }
                }
            }
            for (int ch = c0; ch < c1; ch++) {
                gradGammaOut[ch] = (float) sumDyXhat[ch];
                gradBetaOut[ch] = (float) sumDy[ch];
            }
        });
        double[] scale = new double[c];
        double[] meanDy = new double[c];
        double[] meanDyXhat = new double[c];
        for (int ch = 0; ch < c; ch++) {
            scale[ch] = gamma[ch] * invStd[ch];
            meanDy[ch] = sumDy[ch] / pixels;
            meanDyXhat[ch] = sumDyXhat[ch] / pixels;
        }
        float[] dx = new float[v.length];
        int perTask = Math.max(1, RUN / Math.max(c, 1));
        Parallel.forEach((pixels + perTask - 1) / perTask, task -> {
            for (int p = task * perTask; p < Math.min(pixels, (task + 1) * perTask); p++) {
                for (int ch = 0; ch < c; ch += lanes(ch, c)) {
                    int at = p * c + ch;
                    if (lanes(ch, c) == D.length()) {
                        DoubleVector g = widen(dy, at);
                        if (training) {
                            // the batch statistics depend on x: subtract the mean gradient and its projection on xhat
                            DoubleVector xhat = widen(v, at).sub(DoubleVector.fromArray(D, mean, ch))
                                    .mul(DoubleVector.fromArray(D, invStd, ch));
                            g = g.sub(DoubleVector.fromArray(D, meanDy, ch))
                                    .sub(xhat.mul(DoubleVector.fromArray(D, sumDyXhat, ch)).div(pixels));
                        }
                        ((FloatVector) DoubleVector.fromArray(D, scale, ch).mul(g)
                                .convertShape(VectorOperators.D2F, FD, 0)).intoArray(dx, at);
                    } else {
                        double g = dy[at];
                        if (training) {
                            double xhat = (v[at] - mean[ch]) * invStd[ch];
                            g = g - meanDy[ch] - xhat * sumDyXhat[ch] / pixels;
                        }
                        dx[at] = (float) (scale[ch] * g);
                    }
                }
            }
        });
        return in.withStorage(dx);
    }

    private static int pixels(float[] v, int c) {
        return c == 0 ? 0 : v.length / c;
    }

    private static int groups(int c) {
        return (c + GROUP - 1) / GROUP;
    }

    /** How many channels from ch a step takes: a whole vector if it fits before {@code end}, else one. */
    private static int lanes(int ch, int end) {
        return ch + D.length() <= end ? D.length() : 1;
    }

    private static DoubleVector widen(float[] v, int at) {
        return (DoubleVector) FloatVector.fromArray(FD, v, at).convertShape(VectorOperators.F2D, D, 0);
    }
}
