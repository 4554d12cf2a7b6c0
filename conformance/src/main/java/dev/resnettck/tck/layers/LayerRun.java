package dev.resnettck.tck.layers;

import dev.resnettck.nn.Module;
import dev.resnettck.nn.Parameter;
import dev.resnettck.nn.StateDict;
import dev.resnettck.tck.compare.Compare;
import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.rules.ReferenceMemo;
import dev.resnettck.tck.spi.TckImplementation;
import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of one layer (or block): the implementation side, and its comparison with what the
 * reference computed ({@link LayerReference}, live, or a golden file): output, buffers after the
 * forward pass, and every gradient. Touches no DJL type, so golden checks run without DJL.
 */
public final class LayerRun {
    private LayerRun() {
    }

    /** How to run a case. */
    public record Mode(boolean training, boolean backward, boolean nonContiguousInput) {
    }

    private static final ReferenceMemo<Outcome> REFERENCE = new ReferenceMemo<>(8192);

    /** Live: generate the case's values, run both sides, compare. */
    public static <A> List<Comparison> run(LayerSpec<A> spec, LayerCase<A> c, TckImplementation impl, Mode mode) {
        CaseData data = CaseData.of(spec, c, mode);
        Outcome expected = REFERENCE.get(spec.id() + " " + mode + " " + c, () -> LayerReference.run(spec, c.args(), data));
        return compare(spec, c.args(), data, expected, implementation(spec, c.args(), data, impl, expected));
    }

    /**
     * The implementation side: build the layer, load the state, run forward (and, when the
     * reference's output has the right shape, backward with the same cotangent).
     */
    public static <A> Outcome implementation(LayerSpec<A> spec, A args, CaseData data, TckImplementation impl,
                                             Outcome expected) {
        Module m = spec.build().apply(impl.layers(), args);
        m.train(data.training());
        Map<String, Tensor> initial = new LinkedHashMap<>();
        for (StateEntry e : data.layout()) {
            initial.put(e.key(), Tensor.of(data.state().get(e.key()).clone(), e.shape()));
        }
        StateDict.load(m, initial, spec.torchName() + " case state");
        Tensor input = data.nonContiguous() ? Views.nonContiguous(data.input().clone(), data.inputShape())
                : Tensor.of(data.input().clone(), data.inputShape());
        Tensor y = m.forward(input);
        Outcome out = Outcome.empty();
        out.put("output", y.toArray(), y.shape());
        Map<String, Tensor> now = StateDict.entries(m);
        for (StateEntry e : data.layout()) {
            if (!e.isParameter()) {
                out.put("buffer/" + e.key(), now.get(e.key()).toArray(), e.shape());
            }
        }
        int[] outShape = expected.shapes().get("output");
        if (data.backward() && Arrays.equals(y.shape(), outShape)) {
            Tensor dx = m.backward(Tensor.of(data.cotangent(numel(outShape)), outShape));
            out.put("grad/input", dx.toArray(), dx.shape());
            Map<String, Parameter> params = StateDict.parameters(m);
            for (StateEntry e : data.layout()) {
                if (e.isParameter()) {
                    out.put("grad/" + e.key(), params.get(e.key()).grad().toArray(), e.shape());
                }
            }
        }
        return out;
    }

    /** Everything the reference computed, compared under the pass rule; the output first. */
    public static <A> List<Comparison> compare(LayerSpec<A> spec, A args, CaseData data, Outcome expected,
                                               Outcome actual) {
        double budget = spec.ulpBudget().applyAsDouble(args);
        List<Comparison> out = new ArrayList<>();
        for (Map.Entry<String, double[]> e : expected.values().entrySet()) {
            String name = e.getKey();
            int[] shape = expected.shapes().get(name);
            double[] got = actual.values().get(name);
            String what = label(name);
            if (got == null) {
                if (!name.startsWith("grad/") || !out.isEmpty() && !out.get(0).passed()) {
                    continue; // no backward after a wrong output: that failure is already reported
                }
                out.add(new Comparison(what, false, Double.NaN, Double.NaN, Double.NaN, budget, 0, 0, "",
                        "the implementation produced no " + what));
                continue;
            }
            float[] g = new float[got.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) got[i];
            }
            int[] gotShape = actual.shapes().get(name);
            out.add(Arrays.equals(gotShape, shape)
                    ? Compare.arrays(what, g, e.getValue(), shape, name.startsWith("buffer/") ? 6 : budget, Tolerance.DEFAULT,
                            expected.noise(name))
                    : Compare.tensors(what, Tensor.of(g, gotShape), e.getValue(), shape, budget, Tolerance.DEFAULT,
                            expected.noise(name)));
        }
        return out;
    }

    private static String label(String name) {
        if (name.equals("output")) {
            return "output";
        }
        if (name.startsWith("buffer/")) {
            return name.substring(7) + " after forward";
        }
        return "grad of " + name.substring(5);
    }

    static int numel(int[] shape) {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }
}
