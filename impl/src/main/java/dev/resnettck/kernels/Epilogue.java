package dev.resnettck.kernels;

import dev.resnettck.tensor.Tensor;

/**
 * What inference applies to each output of a convolution as it is written: batch norm's
 * evaluation-mode map {@code (v - mean) * invStd * gamma + beta} in double, rounded to float (as
 * {@link dev.resnettck.kernels.plain.PlainBatchNorm} computes it), then optionally a residual block's
 * shortcut added in float, then optionally ReLU. The same operations in the same order as the
 * separate layers, so fusing them changes no bit; it saves the extra passes over the activations
 * and their allocations.
 *
 * @param residual the tensor of the output's shape to add (any layout), or null
 */
public record Epilogue(double[] mean, double[] invStd, float[] gamma, float[] beta, Tensor residual, boolean relu) {

    /** Batch norm's evaluation map, {@code invStd = 1 / sqrt(var + eps)} per channel. */
    public static Epilogue batchNorm(float[] gamma, float[] beta, float[] runningMean, float[] runningVar, double eps) {
        double[] mean = new double[runningMean.length];
        double[] invStd = new double[runningVar.length];
        for (int ch = 0; ch < mean.length; ch++) {
            mean[ch] = runningMean[ch];
            invStd[ch] = 1 / Math.sqrt((double) runningVar[ch] + eps);
        }
        return new Epilogue(mean, invStd, gamma, beta, null, false);
    }

    public Epilogue withRelu() {
        return new Epilogue(mean, invStd, gamma, beta, residual, true);
    }

    /** The same map with {@code shortcut} added before the ReLU (a residual block's sum). */
    public Epilogue withResidual(Tensor shortcut) {
        return new Epilogue(mean, invStd, gamma, beta, shortcut, relu);
    }

    /** The batch norm map alone, without the residual and the ReLU. */
    public Epilogue normOnly() {
        return new Epilogue(mean, invStd, gamma, beta, null, false);
    }

    /** The map of one output whose residual term (0 when there is none) is {@code add}. */
    public float apply(int channel, float v, float add) {
        float y = (float) ((v - mean[channel]) * invStd[channel] * gamma[channel] + beta[channel]);
        if (residual != null) {
            y = y + add;
        }
        return relu && y < 0f ? 0f : y;
    }

    /** For kernels that do not fuse: applied to a finished (n, c, h, w) output, in place. */
    public Tensor applyTo(Tensor nchw) {
        int[] s = nchw.shape();
        float[] data = nchw.data();
        float[] add = residual == null ? null : residual.contiguous().data();
        int plane = s[2] * s[3];
        for (int i = 0; i < data.length; i++) {
            data[i] = apply((i / plane) % s[1], data[i], add == null ? 0f : add[i]);
        }
        return nchw;
    }
}
