package dev.resnettck.tck.golden;

import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resnettck.reference.ReferenceEngine;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.layers.CaseData;
import dev.resnettck.tck.layers.LayerCase;
import dev.resnettck.tck.layers.LayerReference;
import dev.resnettck.tck.layers.LayerRun;
import dev.resnettck.tck.layers.LayerSpec;
import dev.resnettck.tck.layers.Outcome;
import dev.resnettck.tck.layers.StateEntry;
import dev.resnettck.tck.layers.ValueProfile;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Writes a layer's or block's frozen cases from the live reference: arguments drawn by the entry's
 * own generator from a fixed seed, six in training mode and four in evaluation mode, each forward
 * and backward, with the reference's output, buffers and gradients, and the float32 noise of each
 * (one number per tensor, rounded up to float32) for the certifying level.
 */
final class LayerGoldenWriter {
    static final int TRAINING_CASES = 6;
    static final int EVAL_CASES = 4;

    private LayerGoldenWriter() {
    }

    public static <A> void generate(LayerSpec<A> spec, String prefix, String group, Path goldenDir, long seed)
            throws IOException {
        List<LayerCase<A>> cases = sample(spec, seed, TRAINING_CASES + EVAL_CASES);
        Map<String, Tensor> tensors = GoldenFiles.ordered();
        List<Manifest.Entry> entries = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            LayerCase<A> c = cases.get(i);
            boolean training = i < TRAINING_CASES;
            CaseData data = CaseData.of(spec, c, new LayerRun.Mode(training, true, false));
            Outcome expected = LayerReference.run(spec, c.args(), data);
            String name = String.format("case-%02d", i);
            List<String> names = new ArrayList<>();
            put(tensors, names, name, "input", data.input(), data.inputShape());
            for (StateEntry e : data.layout()) {
                put(tensors, names, name, "state/" + e.key(), data.state().get(e.key()), e.shape());
            }
            int[] outShape = expected.shapes().get("output");
            put(tensors, names, name, "cotangent", data.cotangent(LayerGolden.numel(outShape)), outShape);
            expected.values().forEach((k, v) -> put(tensors, names, name, "expected/" + k, LayerGolden.floats(v),
                    expected.shapes().get(k)));
            expected.float32Noise().forEach((k, v) -> put(tensors, names, name, "float32-noise/" + k,
                    new float[] {LayerGolden.noiseAsFloat(v)}, new int[] {1}));
            JsonNode args = GoldenFiles.JSON.valueToTree(c.args());
            entries.add(new Manifest.Entry(name, args, training, true, names));
        }
        Manifest m = new Manifest(LayerGolden.set(prefix, spec), GoldenFiles.generator(), ReferenceEngine.describe(),
                "float64 arithmetic, float32 tensors between ops", seed, Tolerance.certifyingRule(),
                LayerGolden.set(prefix, spec) + ".safetensors", "", entries, Map.of());
        GoldenFiles.write(goldenDir, group, m, tensors);
    }

    static <A> List<LayerCase<A>> sample(LayerSpec<A> spec, long seed, int count) {
        List<LayerCase<A>> out = new ArrayList<>();
        List<ValueProfile> profiles = spec.profiles();
        Gen<LayerCase<A>> cases = in -> new LayerCase<>(spec.arguments().generate(in),
                profiles.get((int) in.next(Constraint.between(0, profiles.size() - 1))),
                in.next(Constraint.between(0, Integer.MAX_VALUE)));
        qt().withFixedSeed(seed).withExamples(count).forAll(cases).checkAssert(out::add);
        return out;
    }

    private static void put(Map<String, Tensor> tensors, List<String> names, String caseName, String name, float[] v,
                            int[] shape) {
        tensors.put(caseName + "/" + name, Tensor.of(v.clone(), shape));
        names.add(name);
    }

}
