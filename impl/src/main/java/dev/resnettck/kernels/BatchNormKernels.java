package dev.resnettck.kernels;

import dev.resnettck.tensor.Tensor;

/**
 * Batch normalisation over (n, h, w) per channel of an (n, c, h, w) input (any layout: compact,
 * channels-last or a strided view; outputs are dense). Statistics are computed
 * and applied in double precision; outputs are rounded to float once.
 */
public interface BatchNormKernels {

    /** The per-channel statistics of one training-mode batch: mean and biased variance. */
    record BatchStats(double[] mean, double[] variance) {
    }

    /** Training mode: {@code y = (x - mean) / sqrt(var + eps) * gamma + beta} with batch statistics. */
    Tensor forwardTraining(Tensor x, float[] gamma, float[] beta, double eps, BatchStats statsOut);

    /** Evaluation mode: the same formula with the running statistics. */
    Tensor forwardEval(Tensor x, float[] gamma, float[] beta, float[] runningMean, float[] runningVar, double eps);

    /**
     * {@link #forwardEval} as an {@link Epilogue} a convolution can apply as it writes, when it is
     * exactly that map; null (the default) when these kernels compute it any other way.
     */
    default Epilogue evalEpilogue(float[] gamma, float[] beta, float[] runningMean, float[] runningVar, double eps) {
        return null;
    }

    /**
     * Gradients of either mode: {@code stats} holds the mean and variance the forward pass used
     * (batch statistics in training, where they also depend on x; running ones in evaluation).
     * Writes dgamma and dbeta (per channel) and returns dx.
     */
    Tensor backward(Tensor gradOutput, Tensor x, float[] gamma, BatchStats stats, double eps, boolean training,
                    float[] gradGammaOut, float[] gradBetaOut);
}
