package dev.resnettck.tck.training;

import dev.resnettck.nn.Module;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.TorchTrainer;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.compare.Compare;
import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.compare.Float32Noise;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.layers.BatchReversal;
import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference side of training-step rules: the oracle trainer and two torch float32 trainers take
 * the same steps from the same state, so every compared parameter, statistic and loss carries its
 * float32 noise for the certifying level. Training steps are the suite's worst-conditioned cases
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
            float32Reversed.accumulate(BatchReversal.reversed(x, shape[0]), shape, reversed(targets), scale)};
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

    /** A loss against the oracle's, with the float32 runs' larger distance as its noise. */
    static Comparison loss(String what, double ours, double[] references) {
        return Compare.arrays(what, new float[] {(float) ours}, new double[] {references[0]}, new int[0], 4,
                Tolerance.DEFAULT, Math.max(Math.abs(references[0] - references[1]), Math.abs(references[0] - references[2])),
                Tolerance.FLOAT32_FACTOR_AFTER_STEPS);
    }

    /** Every state_dict entry of the model against the oracle's current values, each with its float32 noise. */
    List<Comparison> compareState(Module model) {
        Map<String, double[]> expected = oracle.values();
        Map<String, double[]> run32 = float32.values();
        Map<String, double[]> run32Reversed = float32Reversed.values();
        List<Comparison> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : dev.resnettck.nn.StateDict.entries(model).entrySet()) {
            double[] want = expected.get(e.getKey());
            out.add(Compare.tensors(e.getKey(), e.getValue(), want, e.getValue().shape(), 4, Tolerance.DEFAULT,
                    Math.max(Float32Noise.of(want, run32.get(e.getKey())),
                            Float32Noise.of(want, run32Reversed.get(e.getKey()))), Tolerance.FLOAT32_FACTOR_AFTER_STEPS));
        }
        return out;
    }

    private static int[] reversed(int[] targets) {
        int[] out = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            out[targets.length - 1 - i] = targets[i];
        }
        return out;
    }

    @Override
    public void close() {
        try (oracle; float32; float32Reversed) {
            // the three native sessions are released
        }
    }
}
