package dev.resnettck.tck.zoo;

import dev.resnettck.kernels.BatchNormKernels;
import dev.resnettck.kernels.plain.PlainBatchNorm;
import dev.resnettck.tensor.Tensor;

/** Planted fault: evaluation-mode backward subtracts the batch-statistics terms, which only training has. */
final class TrainingBackwardBatchNorm implements BatchNormKernels {
    private final PlainBatchNorm plain = new PlainBatchNorm();

    @Override
    public Tensor forwardTraining(Tensor x, float[] gamma, float[] beta, double eps, BatchStats statsOut) {
        return plain.forwardTraining(x, gamma, beta, eps, statsOut);
    }

    @Override
    public Tensor forwardEval(Tensor x, float[] gamma, float[] beta, float[] runningMean, float[] runningVar, double eps) {
        return plain.forwardEval(x, gamma, beta, runningMean, runningVar, eps);
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tensor x, float[] gamma, BatchStats stats, double eps, boolean training,
                           float[] gradGammaOut, float[] gradBetaOut) {
        return plain.backward(gradOutput, x, gamma, stats, eps, true, gradGammaOut, gradBetaOut);
    }
}
