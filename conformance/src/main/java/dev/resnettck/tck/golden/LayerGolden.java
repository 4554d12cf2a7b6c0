package dev.resnettck.tck.golden;

import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.layers.CaseData;
import dev.resnettck.tck.layers.LayerRun;
import dev.resnettck.tck.layers.LayerSpec;
import dev.resnettck.tck.layers.Outcome;
import dev.resnettck.tck.layers.StateEntry;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frozen cases of one layer or block, checked against an implementation: the stored inputs, state
 * and cotangent go in, the stored output, buffers and gradients are what must come out.
 * ({@link LayerGoldenWriter} produces them.)
 */
public final class LayerGolden {
    private LayerGolden() {
    }

    /** The set's name: {@code LAYER-CONV2D}, {@code BLOCK-BASIC}. */
    public static String set(String prefix, LayerSpec<?> spec) {
        return prefix + "-" + spec.id();
    }

    /** Cases for the implementation from a frozen set: the stored inputs, the stored expectations. */
    public static <A> List<CaseResult> check(LayerSpec<A> spec, String prefix, String group, Path goldenDir,
                                              dev.resnettck.tck.spi.TckImplementation impl) throws IOException {
        GoldenFiles.Loaded loaded = GoldenFiles.read(goldenDir, group, set(prefix, spec));
        List<CaseResult> results = new ArrayList<>();
        for (Manifest.Entry entry : loaded.manifest().cases()) {
            A args;
            try {
                args = GoldenFiles.JSON.treeToValue(entry.args(), spec.argsType());
            } catch (IOException e) {
                throw new GoldenDataException(loaded.file(), "case '" + entry.name() + "' has arguments that do not fit "
                        + spec.argsType().getSimpleName() + ": " + e.getMessage());
            }
            Tensor input = loaded.tensor(entry.name(), "input");
            Map<String, float[]> state = new LinkedHashMap<>();
            List<StateEntry> layout = spec.state().apply(args);
            for (StateEntry e : layout) {
                Tensor t = loaded.tensor(entry.name(), "state/" + e.key());
                requireShape(loaded, entry, "state/" + e.key(), t, e.shape());
                state.put(e.key(), t.data());
            }
            requireShape(loaded, entry, "input", input, spec.inputShape().apply(args));
            Tensor cot = loaded.tensor(entry.name(), "cotangent");
            Outcome expected = Outcome.empty();
            for (String name : entry.tensors()) {
                if (name.startsWith("expected/")) {
                    Tensor t = loaded.tensor(entry.name(), name);
                    expected.put(name.substring("expected/".length()), t.data(), t.shape());
                } else if (name.startsWith("float32-noise/")) {
                    expected.float32Noise().put(name.substring("float32-noise/".length()),
                            noise(loaded, entry.name(), name));
                }
            }
            for (String name : expected.values().keySet()) {
                if (!expected.float32Noise().containsKey(name)) {
                    throw new GoldenDataException(loaded.file(), "case '" + entry.name() + "' has expected/" + name
                            + " but no float32-noise/" + name + " (golden data from before the calibrated rule?): "
                            + "regenerate with ./tck golden");
                }
            }
            if (!expected.values().containsKey("output")) {
                throw new GoldenDataException(loaded.file(), "case '" + entry.name() + "' has no expected/output");
            }
            CaseData data = new CaseData(input.data(), input.shape(), state, layout, entry.training(), entry.backward(),
                    false, size -> {
                        if (size != cot.numel()) {
                            throw new IllegalStateException("the stored cotangent has " + cot.numel() + " elements, the output "
                                    + size);
                        }
                        return cot.data();
                    });
            Outcome actual;
            try {
                actual = LayerRun.implementation(spec, args, data, impl, expected);
            } catch (RuntimeException e) {
                results.add(new CaseResult(entry.name() + " " + args, null, e));
                continue;
            }
            results.add(new CaseResult(entry.name() + " " + args, LayerRun.compare(spec, args, data, expected, actual), null));
        }
        return results;
    }

    /** One frozen case's comparisons, or the exception the implementation threw. */
    public record CaseResult(String description, List<Comparison> comparisons, RuntimeException error) {
    }

    private static void requireShape(GoldenFiles.Loaded loaded, Manifest.Entry entry, String name, Tensor t, int[] shape)
            throws GoldenDataException {
        if (!java.util.Arrays.equals(t.shape(), shape)) {
            throw new GoldenDataException(loaded.file(), "case '" + entry.name() + "' tensor '" + name + "' has shape "
                    + java.util.Arrays.toString(t.shape()) + ", its arguments need " + java.util.Arrays.toString(shape));
        }
    }

    /** A noise figure as stored: rounded up, so the stored bound is never tighter than the measured one. */
    static float noiseAsFloat(double noise) {
        float f = (float) noise;
        return f < noise ? Math.nextUp(f) : f;
    }

    /** A stored float32 noise figure: one finite, non-negative number. */
    static double noise(GoldenFiles.Loaded loaded, String caseName, String name) throws GoldenDataException {
        Tensor t = loaded.tensor(caseName, name);
        if (t.numel() != 1 || !Float.isFinite(t.data()[0]) || t.data()[0] < 0) {
            throw new GoldenDataException(loaded.file(), "case '" + caseName + "' tensor '" + name
                    + "' must be one finite, non-negative number, got shape " + java.util.Arrays.toString(t.shape())
                    + (t.numel() == 1 ? " value " + t.data()[0] : ""));
        }
        return t.data()[0];
    }

    static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
