package dev.resnettck.tck.zoo;

import dev.resnettck.kernels.BatchNormKernels;
import dev.resnettck.kernels.plain.PlainBatchNorm;
import dev.resnettck.tensor.Tensor;

/**
 * Planted fault: training mode divides by {@code sqrt(var) + eps} instead of {@code sqrt(var + eps)}
 * (a common slip). For unit variances the outputs move by about 1e-5 relative, near the strict rule
 * and a hundred times float32's rounding; for small variances by far more.
 */
final class EpsOutsideSqrtBatchNorm implements BatchNormKernels {
    private final PlainBatchNorm plain = new PlainBatchNorm();

    @Override
    public Tensor forwardTraining(Tensor x, float[] gamma, float[] beta, double eps, BatchStats statsOut) {
        plain.forwardTraining(x, gamma, beta, eps, statsOut);
        float[] mean = new float[gamma.length];
        float[] var = new float[gamma.length];
        for (int c = 0; c < mean.length; c++) {
            mean[c] = (float) statsOut.mean()[c];
            double denominator = Math.sqrt(statsOut.variance()[c]) + eps;
            var[c] = (float) (denominator * denominator - eps); // so that sqrt(var + eps) = sqrt(variance) + eps
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
