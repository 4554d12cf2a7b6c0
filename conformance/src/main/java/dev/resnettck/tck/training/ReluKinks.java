package dev.resnettck.tck.training;

import dev.resnettck.reference.ReluHook;
import dev.resnettck.reference.TorchTrainer;
import dev.resnettck.tck.compare.Float32Noise;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.layers.BatchReversal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ReLU kinks float32 can cross. A ReLU input that the oracle puts within float32's reach of zero
 * (closer than the certifying factor times the distance torch's float32 runs keep from the oracle at
 * that ReLU) may come out on either side of zero in a correct float32 implementation, and its
 * gradient is then passed or blocked: one element can move a whole network's gradients. Measured:
 * the float32 fast kernels with depth blocks spanning the stem's taps put one element of layer4.0's
 * output at +2.7e-6 where the oracle has it at or below zero, and the next step's stem weight
 * gradient moved by 3.7e-3, 44 times the float32 bound; torch's own float32 runs had not crossed it.
 *
 * <p>So, when a gradient misses its bound at the oracle's own activation pattern ({@link
 * StepOracles#compareGradients}), the oracle is asked which of those patterns the implementation's gradients show:
 * each candidate flip's gradient move is measured in an extra oracle pass and kept where it brings
 * the oracle closer to the implementation (a greedy fit, weighted by each tensor's float32 bound);
 * the kept flips are then applied together in one more pass, whose exact gradients are the expected
 * values, compared under the unchanged float32 bound. A fault is not a pattern of kink flips, so it
 * still shows (a conv weight gradient 1e-4 too large fails as it did before).
 */
final class ReluKinks {
    /** Past this many candidates in one batch, one pass per ReLU flips all of its candidates together. */
    static final int MAX_SINGLE_FLIPS = 24;

    /** Records every ReLU's input and flips none. */
    static final class Recorder implements ReluHook {
        private final List<double[]> inputs = new ArrayList<>();
        private final List<int[]> shapes = new ArrayList<>();

        @Override
        public int[] flips(int call, double[] input, int[] shape) {
            inputs.add(input);
            shapes.add(shape);
            return new int[0];
        }
    }

    /** Elements of one ReLU call flipped together. */
    record Flip(int call, int[] elements) {
    }

    /** One batch the references accumulated, with its candidate flips. */
    record Batch(float[] x, int[] shape, int[] targets, double scale, List<Flip> candidates) {
    }

    /** What the fit found: the kept flips per batch, and the oracle's gradients with them applied. */
    record Explanation(List<List<Flip>> kept, Map<String, double[]> gradients, int candidates, int passes) {
        int keptCount() {
            return kept.stream().mapToInt(List::size).sum();
        }
    }

    private ReluKinks() {
    }

    /**
     * The oracle's ReLU inputs within float32's reach of zero, one flip each (past
     * {@link #MAX_SINGLE_FLIPS}, one per ReLU); {@code float32Reversed} ran the batch in reverse
     * order and is put back in the oracle's order first.
     */
    static List<Flip> candidates(Recorder oracle, Recorder float32, Recorder float32Reversed) {
        if (oracle.inputs.size() != float32.inputs.size() || oracle.inputs.size() != float32Reversed.inputs.size()) {
            throw new IllegalStateException("the reference runs called ReLU " + oracle.inputs.size() + ", "
                    + float32.inputs.size() + " and " + float32Reversed.inputs.size() + " times");
        }
        List<Flip> perCall = new ArrayList<>();
        List<Flip> single = new ArrayList<>();
        for (int c = 0; c < oracle.inputs.size(); c++) {
            double[] want = oracle.inputs.get(c);
            double[] back = BatchReversal.reversed(float32Reversed.inputs.get(c), oracle.shapes.get(c)[0]);
            double reach = Tolerance.float32Bound(Math.max(Float32Noise.of(want, float32.inputs.get(c)),
                    Float32Noise.of(want, back)));
            List<Integer> near = new ArrayList<>();
            for (int i = 0; i < want.length; i++) {
                if (Math.abs(want[i]) <= reach) {
                    near.add(i);
                    single.add(new Flip(c, new int[] {i}));
                }
            }
            if (!near.isEmpty()) {
                perCall.add(new Flip(c, near.stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        return single.size() <= MAX_SINGLE_FLIPS ? single : perCall;
    }

    /**
     * The flips that best explain {@code actual} (the implementation's gradients) against
     * {@code oracle} (the oracle's, over all batches); each tensor's misfit is weighted by its float32
     * bound, from {@code noise}.
     * {@code scratch} holds the oracle's state and precision; its gradients are overwritten.
     */
    static Explanation explain(TorchTrainer scratch, List<Batch> batches, Map<String, double[]> oracle,
                               Map<String, float[]> actual, Map<String, Double> noise) {
        int candidates = batches.stream().mapToInt(b -> b.candidates().size()).sum();
        List<List<Flip>> kept = new ArrayList<>();
        if (candidates == 0) {
            batches.forEach(b -> kept.add(List.of()));
            return new Explanation(kept, oracle, 0, 0);
        }
        Map<String, double[]> residual = new LinkedHashMap<>();
        oracle.forEach((k, want) -> {
            float[] got = actual.get(k);
            double[] r = new double[want.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = got[i] - want[i];
            }
            residual.put(k, r);
        });
        int passes = 0;
        for (Batch b : batches) {
            List<Flip> keep = new ArrayList<>();
            kept.add(keep);
            if (b.candidates().isEmpty()) {
                continue;
            }
            Map<String, double[]> base = pass(scratch, b, List.of());
            passes++;
            for (Flip f : b.candidates()) {
                Map<String, double[]> moved = pass(scratch, b, List.of(f));
                passes++;
                // keep the flip when subtracting its move lowers sum_k |r_k - d_k|^2 / bound_k^2
                double gain = 0;
                for (Map.Entry<String, double[]> e : moved.entrySet()) {
                    double[] r = residual.get(e.getKey());
                    double[] g = e.getValue();
                    double[] g0 = base.get(e.getKey());
                    double bound = Tolerance.float32Bound(noise.get(e.getKey()));
                    double w = 1 / Math.pow(Math.max(bound, Tolerance.DEFAULT.atol()), 2);
                    for (int i = 0; i < r.length; i++) {
                        double d = g[i] - g0[i];
                        gain += w * d * (2 * r[i] - d);
                    }
                }
                if (gain > 0) {
                    keep.add(f);
                    moved.forEach((k, g) -> {
                        double[] r = residual.get(k);
                        double[] g0 = base.get(k);
                        for (int i = 0; i < r.length; i++) {
                            r[i] -= g[i] - g0[i];
                        }
                    });
                }
            }
        }
        if (kept.stream().allMatch(List::isEmpty)) {
            return new Explanation(kept, oracle, candidates, passes);
        }
        // the kept flips together, over every batch: the exact oracle of that activation pattern
        scratch.zeroGrad();
        for (int i = 0; i < batches.size(); i++) {
            accumulate(scratch, batches.get(i), kept.get(i));
        }
        passes += batches.size();
        return new Explanation(kept, scratch.gradients(), candidates, passes);
    }

    private static Map<String, double[]> pass(TorchTrainer scratch, Batch b, List<Flip> flips) {
        scratch.zeroGrad();
        accumulate(scratch, b, flips);
        return scratch.gradients();
    }

    private static void accumulate(TorchTrainer scratch, Batch b, List<Flip> flips) {
        scratch.accumulate(b.x(), b.shape(), b.targets(), b.scale(), (call, input, shape) -> {
            List<Integer> at = new ArrayList<>();
            for (Flip f : flips) {
                if (f.call() == call) {
                    for (int e : f.elements()) {
                        at.add(e);
                    }
                }
            }
            return at.stream().mapToInt(Integer::intValue).toArray();
        });
    }
}
