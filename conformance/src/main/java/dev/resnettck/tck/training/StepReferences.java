package dev.resnettck.tck.training;

import dev.resnettck.nn.Module;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.TorchTrainer;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.layers.BatchReversal;
import java.util.List;
import java.util.Set;

/**
 * The reference side of the loss-curve rule: the oracle trainer and two torch float32 trainers take
 * the same 20 steps from the same state, each along its own trajectory, so the curve's envelope is
 * what float32 itself drifts to (the step rules compare one step at a time: {@link StepOracles}). Training steps are the suite's worst-conditioned cases
 * (Adam divides by the root of tiny second moments; two steps amplify a gradient's rounding
 * thousands of times at a few elements), so one float32 run samples float32's error too thinly: the
 * second runs every batch in reverse order, an equally valid float32 computation of the same
 * function (batch norm statistics, the mean loss and every weight gradient are sums over the batch,
 * now summed the other way), and the noise is the larger of the two runs' distances.
 */
final class StepReferences implements AutoCloseable {
    private final TorchTrainer oracle;
    private final TorchTrainer float32;
    private final TorchTrainer float32Reversed;

    StepReferences(ResNetSpec spec, Module model, Set<String> trainable) {
        this.oracle = StepComparison.reference(spec, model, trainable, Precision.FLOAT64_ROUNDED);
        this.float32 = StepComparison.reference(spec, model, trainable, Precision.FLOAT32);
        this.float32Reversed = StepComparison.reference(spec, model, trainable, Precision.FLOAT32);
    }

    void zeroGrad() {
        oracle.zeroGrad();
        float32.zeroGrad();
        float32Reversed.zeroGrad();
    }

    /** Forward, loss and backward on all three; the losses: {oracle, float32, float32 over the reversed batch}. */
    double[] accumulate(float[] x, int[] shape, int[] targets, double scale) {
        return new double[] {oracle.accumulate(x, shape, targets, scale), float32.accumulate(x, shape, targets, scale),
            float32Reversed.accumulate(BatchReversal.reversed(x, shape[0]), shape, StepOracles.reversed(targets), scale)};
    }

    void adamStep(double lr, double beta1, double beta2, double eps, double weightDecay) {
        for (TorchTrainer t : List.of(oracle, float32, float32Reversed)) {
            t.adamStep(lr, beta1, beta2, eps, weightDecay);
        }
    }

    void sgdStep(double lr, double momentum, double weightDecay) {
        for (TorchTrainer t : List.of(oracle, float32, float32Reversed)) {
            t.sgdStep(lr, momentum, weightDecay);
        }
    }

    @Override
    public void close() {
        try (oracle; float32; float32Reversed) {
            // the three native sessions are released
        }
    }
}
