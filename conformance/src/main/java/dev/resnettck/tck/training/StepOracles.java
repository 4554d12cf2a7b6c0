package dev.resnettck.tck.training;

import dev.resnettck.nn.Module;
import dev.resnettck.nn.Parameter;
import dev.resnettck.nn.StateDict;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference side of the optimizer-step rules, one step at a time from the implementation's own
 * state (teacher forcing). Comparing two steps of two independent trajectories measures chaos, not
 * the implementation: a one-ulp difference after step 1 can move a ReLU input or a max-pool tie across
 * its kink at step 2, and the step-2 gradient then jumps (measured: fast-float32-reversed's step-2
 * gradient of layer3.1.conv1.weight is within 2.9e-7 of the oracle's at its own weights, and 4.2e-3
 * from the oracle's at the oracle's weights, all in one output channel). So every step starts the
 * oracle and two torch float32 runs (own batch order, reversed batch) from the implementation's
 * parameters and buffers; its gradients are held against theirs, then torch's optimizer, fed the
 * implementation's gradients, gives the parameters and optimizer state the step must produce.
 * Each comparison is then one pass, under the one-pass factor.
 */
final class StepOracles implements AutoCloseable {
    private final TorchTrainer oracle;
    private final TorchTrainer float32;
    private final TorchTrainer float32Reversed;
    /** The oracle's state and precision, for the passes that flip ReLU kinks ({@link ReluKinks}). */
    private final TorchTrainer kinks;
    private final Set<String> trainable;
    private final List<ReluKinks.Batch> batches = new ArrayList<>();
    private int kinkCandidates;
    private int kinksKept;
    private int kinkPasses;
    private int gradientChecks;
    private int fits;

    StepOracles(ResNetSpec spec, Module model, Set<String> trainable) {
        this.trainable = Set.copyOf(trainable);
        this.oracle = StepComparison.reference(spec, model, trainable, Precision.FLOAT64_ROUNDED);
        this.float32 = StepComparison.reference(spec, model, trainable, Precision.FLOAT32);
        this.float32Reversed = StepComparison.reference(spec, model, trainable, Precision.FLOAT32);
        this.kinks = StepComparison.reference(spec, model, trainable, Precision.FLOAT64_ROUNDED);
    }

    private List<TorchTrainer> all() {
        return List.of(oracle, float32, float32Reversed);
    }

    /** Every reference takes the implementation's current parameters and buffers; gradients are zeroed. */
    void startStep(Module model) {
        Map<String, float[]> values = new LinkedHashMap<>();
        StateDict.entries(model).forEach((k, v) -> values.put(k, v.data()));
        for (TorchTrainer t : List.of(oracle, float32, float32Reversed, kinks)) {
            t.load(values);
            t.zeroGrad();
        }
        batches.clear();
    }

    /**
     * Forward, loss and backward on the three, recording every ReLU's input, so that the kinks within
     * float32's reach are known when the gradients are compared; the losses: {oracle, float32,
     * float32 over the reversed batch}.
     */
    double[] accumulate(float[] x, int[] shape, int[] targets, double scale) {
        ReluKinks.Recorder seen = new ReluKinks.Recorder();
        ReluKinks.Recorder seen32 = new ReluKinks.Recorder();
        ReluKinks.Recorder seen32Reversed = new ReluKinks.Recorder();
        double[] losses = {oracle.accumulate(x, shape, targets, scale, seen),
            float32.accumulate(x, shape, targets, scale, seen32),
            float32Reversed.accumulate(BatchReversal.reversed(x, shape[0]), shape, reversed(targets), scale, seen32Reversed)};
        batches.add(new ReluKinks.Batch(x.clone(), shape.clone(), targets.clone(), scale,
                ReluKinks.candidates(seen, seen32, seen32Reversed)));
        return losses;
    }

    /** For the evidence: the ReLU kinks within float32's reach, and how many the implementation's gradients crossed. */
    String kinkSummary() {
        return kinkCandidates + " ReLU inputs within float32's reach of zero (" + kinkPasses + " extra oracle passes); "
                + kinksKept + " of them flipped to match the implementation's gradients; the fit ran for " + fits + " of "
                + gradientChecks + " steps (the others' gradients all passed at the oracle's own activation pattern)";
    }

    /** A loss against the oracle's, with the float32 runs' larger distance as its noise. */
    static Comparison loss(String what, double ours, double[] references) {
        return Compare.arrays(what, new float[] {(float) ours}, new double[] {references[0]}, new int[0], 4,
                Tolerance.DEFAULT, Math.max(Math.abs(references[0] - references[1]), Math.abs(references[0] - references[2])));
    }

    /**
     * The implementation's gradients against the oracle's at the same state. When one misses its
     * bound, the ReLU kinks within float32's reach are flipped where that explains the
     * implementation's gradients ({@link ReluKinks}) and the gradients are held against the fitted
     * oracle instead. When all pass at the oracle's own activation pattern, there is nothing to
     * explain, and the fit (an oracle pass per candidate kink, most of a step rule's time) is not run.
     */
    List<Comparison> compareGradients(String when, Map<String, Parameter> params) {
        Map<String, double[]> base = oracle.gradients();
        Map<String, double[]> run32 = float32.gradients();
        Map<String, double[]> run32Reversed = float32Reversed.gradients();
        Map<String, Double> noise = new LinkedHashMap<>();
        Map<String, float[]> actual = new LinkedHashMap<>();
        for (String k : base.keySet()) {
            noise.put(k, Math.max(Float32Noise.of(base.get(k), run32.get(k)), Float32Noise.of(base.get(k), run32Reversed.get(k))));
            actual.put(k, params.get(k).grad().data());
        }
        gradientChecks++;
        kinkCandidates += batches.stream().mapToInt(b -> b.candidates().size()).sum();
        List<Comparison> unfitted = compare(when, params, base, noise);
        if (unfitted.stream().allMatch(Comparison::passed)) {
            return unfitted;
        }
        fits++;
        ReluKinks.Explanation fit = ReluKinks.explain(kinks, batches, base, actual, noise);
        kinksKept += fit.keptCount();
        kinkPasses += fit.passes();
        return compare(when, params, fit.gradients(), noise);
    }

    private List<Comparison> compare(String when, Map<String, Parameter> params, Map<String, double[]> expected,
                                     Map<String, Double> noise) {
        List<Comparison> out = new ArrayList<>();
        for (String k : params.keySet()) {
            if (!trainable.contains(k)) {
                continue;
            }
            out.add(Compare.tensors(when + ": gradient of " + k, params.get(k).grad(), expected.get(k),
                    params.get(k).value().shape(), 4, Tolerance.DEFAULT, noise.get(k)));
        }
        return out;
    }

    /** torch.optim.Adam on the implementation's gradients (each reference steps with its own arithmetic). */
    void adamStep(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        feed(params);
        for (TorchTrainer t : all()) {
            t.adamStep(lr, beta1, beta2, eps, weightDecay);
        }
    }

    /** torch.optim.SGD on the implementation's gradients. */
    void sgdStep(Map<String, Parameter> params, double lr, double momentum, double weightDecay) {
        feed(params);
        for (TorchTrainer t : all()) {
            t.sgdStep(lr, momentum, weightDecay);
        }
    }

    private void feed(Map<String, Parameter> params) {
        Map<String, float[]> grads = new LinkedHashMap<>();
        for (String k : trainable) {
            grads.put(k, params.get(k).grad().data());
        }
        for (TorchTrainer t : all()) {
            t.setGradients(grads);
        }
    }

    /** Every state_dict entry (parameters after the step, running statistics after its forward) against the oracle's. */
    List<Comparison> compareState(String when, Module model) {
        Map<String, double[]> expected = oracle.values();
        Map<String, double[]> run32 = float32.values();
        Map<String, double[]> run32Reversed = float32Reversed.values();
        List<Comparison> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : StateDict.entries(model).entrySet()) {
            double[] want = expected.get(e.getKey());
            out.add(Compare.tensors(when + ": " + e.getKey(), e.getValue(), want, e.getValue().shape(), 4, Tolerance.DEFAULT,
                    Math.max(Float32Noise.of(want, run32.get(e.getKey())),
                            Float32Noise.of(want, run32Reversed.get(e.getKey())))));
        }
        return out;
    }

    /** The targets of a batch taken in reverse order. */
    static int[] reversed(int[] targets) {
        int[] out = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            out[targets.length - 1 - i] = targets[i];
        }
        return out;
    }

    @Override
    public void close() {
        try (oracle; float32; float32Reversed; kinks) {
            // the four native sessions are released
        }
    }
}
