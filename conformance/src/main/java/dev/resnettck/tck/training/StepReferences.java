package dev.resnettck.tck.training;

import dev.resnettck.nn.Module;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.TorchTrainer;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.compare.Compare;
import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.compare.Float32Noise;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference side of training-step rules: the oracle trainer and torch's float32 trainer take
 * the same steps from the same state, so every compared parameter, statistic and loss carries its
 * float32 noise for the certifying level.
 */
final class StepReferences implements AutoCloseable {
    private final TorchTrainer oracle;
    private final TorchTrainer float32;

    StepReferences(ResNetSpec spec, Module model, Set<String> trainable) {
        this.oracle = StepComparison.reference(spec, model, trainable, Precision.FLOAT64_ROUNDED);
        this.float32 = StepComparison.reference(spec, model, trainable, Precision.FLOAT32);
    }

    void zeroGrad() {
        oracle.zeroGrad();
        float32.zeroGrad();
    }

    /** Forward, loss and backward on both; the losses: {oracle, float32}. */
    double[] accumulate(float[] x, int[] shape, int[] targets, double scale) {
        return new double[] {oracle.accumulate(x, shape, targets, scale), float32.accumulate(x, shape, targets, scale)};
    }

    void adamStep(double lr, double beta1, double beta2, double eps, double weightDecay) {
        oracle.adamStep(lr, beta1, beta2, eps, weightDecay);
        float32.adamStep(lr, beta1, beta2, eps, weightDecay);
    }

    void sgdStep(double lr, double momentum, double weightDecay) {
        oracle.sgdStep(lr, momentum, weightDecay);
        float32.sgdStep(lr, momentum, weightDecay);
    }

    /** A loss against the oracle's, with the float32 run's distance as its noise. */
    static Comparison loss(String what, double ours, double[] references) {
        return Compare.arrays(what, new float[] {(float) ours}, new double[] {references[0]}, new int[0], 4,
                Tolerance.DEFAULT, Math.abs(references[0] - references[1]));
    }

    /** Every state_dict entry of the model against the oracle's current values, each with its float32 noise. */
    List<Comparison> compareState(Module model) {
        Map<String, double[]> expected = oracle.values();
        Map<String, double[]> run32 = float32.values();
        List<Comparison> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : dev.resnettck.nn.StateDict.entries(model).entrySet()) {
            double[] want = expected.get(e.getKey());
            out.add(Compare.tensors(e.getKey(), e.getValue(), want, e.getValue().shape(), 4, Tolerance.DEFAULT,
                    Float32Noise.of(want, run32.get(e.getKey()))));
        }
        return out;
    }

    @Override
    public void close() {
        try (oracle; float32) {
            // both native sessions are released
        }
    }
}
