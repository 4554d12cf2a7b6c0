package dev.resnettck.tck.zoo;

import dev.resnettck.kernels.BatchNormKernels;
import dev.resnettck.kernels.plain.PlainBatchNorm;
import dev.resnettck.tensor.Tensor;

/** Planted fault: training mode normalises with the unbiased batch variance (torch uses the biased one). */
final class UnbiasedVarianceBatchNorm implements BatchNormKernels {
    private final PlainBatchNorm plain = new PlainBatchNorm();

    @Override
    public Tensor forwardTraining(Tensor x, float[] gamma, float[] beta, double eps, BatchStats statsOut) {
        plain.forwardTraining(x, gamma, beta, eps, statsOut);
        long n = (long) x.size(0) * x.size(2) * x.size(3);
        float[] mean = new float[gamma.length];
        float[] var = new float[gamma.length];
        for (int c = 0; c < mean.length; c++) {
            mean[c] = (float) statsOut.mean()[c];
            var[c] = (float) (statsOut.variance()[c] * n / (n - 1));
        }
        return plain.forwardEval(x, gamma, beta, mean, var, eps);
    }

    @Override
    public Tensor forwardEval(Tensor x, float[] gamma, float[] beta, float[] runningMean, float[] runningVar, double eps) {
        return plain.forwardEval(x, gamma, beta, runningMean, runningVar, eps);
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tensor x, float[] gamma, BatchStats stats, double eps, boolean training,
                           float[] gradGammaOut, float[] gradBetaOut) {
        return plain.backward(gradOutput, x, gamma, stats, eps, training, gradGammaOut, gradBetaOut);
    }
}
