package dev.resnettck.tck.layers;

import dev.resnettck.nn.Module;
import dev.resnettck.nn.Parameter;
import dev.resnettck.nn.StateDict;
import dev.resnettck.reference.Precision;
import dev.resnettck.reference.RefVar;
import dev.resnettck.reference.TorchSession;
import dev.resnettck.tck.compare.Compare;
import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.spi.TckImplementation;
import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs one case of one layer (or block) in the implementation and in the torch reference (float64
 * arithmetic, float32 tensors between ops: {@link Precision#FLOAT64_ROUNDED}) with the
 * same input and state, and compares output, updated buffers and (when asked) every gradient.
 */
public final class LayerRun {
    private LayerRun() {
    }

    /** How to run a case. */
    public record Mode(boolean training, boolean backward, boolean nonContiguousInput) {
    }

    public static <A> List<Comparison> run(LayerSpec<A> spec, LayerCase<A> c, TckImplementation impl, Mode mode) {
        SplittableRandom rng = new SplittableRandom(c.valueSeed());
        int[] inShape = spec.inputShape().apply(c.args());
        double scale = c.profile() == ValueProfile.LARGE ? 3e3 : c.profile() == ValueProfile.TINY ? 1e-4 : 1;
        float[] x = c.profile().fill(rng, numel(inShape), 1);
        Map<String, float[]> state = new LinkedHashMap<>();
        List<StateEntry> layout = spec.state().apply(c.args());
        for (StateEntry e : layout) {
            state.put(e.key(), e.values(rng, c.profile(), scale));
        }

        // the implementation
        Module m = spec.build().apply(impl.layers(), c.args());
        m.train(mode.training());
        Map<String, Tensor> initial = new LinkedHashMap<>();
        for (StateEntry e : layout) {
            initial.put(e.key(), Tensor.of(state.get(e.key()).clone(), e.shape()));
        }
        StateDict.load(m, initial, spec.torchName() + " case state");
        Tensor input = mode.nonContiguousInput() ? Views.nonContiguous(x.clone(), inShape) : Tensor.of(x.clone(), inShape);
        Tensor y = m.forward(input);

        List<Comparison> out = new ArrayList<>();
        double budget = spec.ulpBudget().applyAsDouble(c.args());
        try (TorchSession torch = mode.backward() ? TorchSession.withGradients(Precision.FLOAT64_ROUNDED)
                : TorchSession.forward(Precision.FLOAT64_ROUNDED)) {
            RefVar rx = mode.backward() ? torch.variable(x, inShape) : torch.constant(x, inShape);
            Map<String, RefVar> rs = new LinkedHashMap<>();
            for (StateEntry e : layout) {
                float[] v = state.get(e.key());
                rs.put(e.key(), e.isParameter() && mode.backward() ? torch.variable(v, e.shape()) : torch.constant(v, e.shape()));
            }
            RefVar ry = spec.reference().forward(torch, c.args(), rx, rs, mode.training());
            Comparison output = Compare.tensors("output", y, ry.values(), ry.shape(), budget, Tolerance.DEFAULT);
            out.add(output);
            compareBuffers(m, layout, state, rs, mode.training(), out);
            if (!output.passed() || !mode.backward()) {
                return out;
            }
            float[] cotangent = ValueProfile.NORMAL.fill(rng, numel(ry.shape()), 1);
            Tensor dx = m.backward(Tensor.of(cotangent.clone(), ry.shape()));
            torch.backward(ry, cotangent);
            out.add(Compare.tensors("grad of input", dx, rx.gradient(), inShape, budget, Tolerance.DEFAULT));
            Map<String, Parameter> params = StateDict.parameters(m);
            for (StateEntry e : layout) {
                if (e.isParameter()) {
                    out.add(Compare.tensors("grad of " + e.key(), params.get(e.key()).grad(), rs.get(e.key()).gradient(),
                            e.shape(), budget, Tolerance.DEFAULT));
                }
            }
        }
        return out;
    }

    private static void compareBuffers(Module m, List<StateEntry> layout, Map<String, float[]> initial,
                                       Map<String, RefVar> reference, boolean training, List<Comparison> out) {
        Map<String, Tensor> now = StateDict.entries(m);
        for (StateEntry e : layout) {
            if (e.isParameter()) {
                continue;
            }
            double[] expected;
            if (e.kind() == StateEntry.Kind.COUNT) {
                // torch's module increments num_batches_tracked once per training-mode forward
                expected = new double[] {initial.get(e.key())[0] + (training ? 1 : 0)};
            } else {
                expected = reference.get(e.key()).values();
            }
            out.add(Compare.tensors(e.key() + " after forward", now.get(e.key()), expected, e.shape(), 6,
                    Tolerance.DEFAULT));
        }
    }

    static int numel(int[] shape) {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }
}
