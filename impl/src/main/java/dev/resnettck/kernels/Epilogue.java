package dev.resnettck.kernels;

import dev.resnettck.tensor.Tensor;

/**
 * What inference applies to each output of a convolution as it is written: batch norm's
 * evaluation-mode map {@code (v - mean) * invStd * gamma + beta} in double, rounded to float (as
 * {@link dev.resnettck.kernels.plain.PlainBatchNorm} computes it), then optionally ReLU. The same
 * operations in the same order as the separate layers, so fusing them changes no bit; it saves the
 * two extra passes over the activations and their allocations.
 */
public record Epilogue(double[] mean, double[] invStd, float[] gamma, float[] beta, boolean relu) {

    /** Batch norm's evaluation map, {@code invStd = 1 / sqrt(var + eps)} per channel. */
    public static Epilogue batchNorm(float[] gamma, float[] beta, float[] runningMean, float[] runningVar, double eps) {
        double[] mean = new double[runningMean.length];
        double[] invStd = new double[runningVar.length];
        for (int ch = 0; ch < mean.length; ch++) {
            mean[ch] = runningMean[ch];
            invStd[ch] = 1 / Math.sqrt((double) runningVar[ch] + eps);
        }
        return new Epilogue(mean, invStd, gamma, beta, false);
    }

    public Epilogue withRelu() {
        return new Epilogue(mean, invStd, gamma, beta, true);
    }

    public float apply(int channel, float v) {
        float y = (float) ((v - mean[channel]) * invStd[channel] * gamma[channel] + beta[channel]);
        return relu && y < 0f ? 0f : y;
    }

    /** For kernels that do not fuse: applied to a finished (n, c, h, w) output, in place. */
    public Tensor applyTo(Tensor nchw) {
        int[] s = nchw.shape();
        float[] data = nchw.data();
        int plane = s[2] * s[3];
        for (int i = 0; i < data.length; i++) {
            data[i] = apply((i / plane) % s[1], data[i]);
        }
        return nchw;
    }
}
