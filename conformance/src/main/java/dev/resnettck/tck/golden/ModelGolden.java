package dev.resnettck.tck.golden;

import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.compare.Compare;
import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.models.ModelInputs;
import dev.resnettck.tck.models.ModelWeights;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.Evidence;
import dev.resnettck.tck.rules.Level;
import dev.resnettck.tck.rules.Rule;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.spi.Capability;
import dev.resnettck.tck.spi.TckImplementation;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A whole ResNet's frozen logits on the committed photos ({@code GOLDEN-MODEL-RESNET50}). The
 * weights (tens of MB) are not stored: the project's deterministic generator rebuilds them from
 * the recorded seed, and the manifest pins their SHA-256 and the preprocessed input's, so a drifted
 * generator is an error, not a silent difference. Each stage's output is stored as a strided sample.
 */
public final class ModelGolden implements Check {
    static final String GROUP = "models";
    static final int SAMPLES = 2048;
    private final ResNetSpec spec;
    private final Rule rule;

    public ModelGolden(ResNetSpec spec) {
        this.spec = spec;
        this.rule = new Rule("GOLDEN-MODEL-" + spec.name().toUpperCase(Locale.ROOT), Level.REQUIRED, "golden",
                spec.name() + ": frozen torchvision logits on the committed photos, weights regenerated and pinned by SHA-256",
                Rule.Source.GOLDEN, Set.of(Capability.MODELS), "as MODEL-" + spec.name().toUpperCase(Locale.ROOT) + "-EVAL");
    }

    static String set(ResNetSpec spec) {
        return "MODEL-" + spec.name().toUpperCase(Locale.ROOT);
    }

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public Verdict run(TckImplementation impl, SuiteContext context) throws IOException {
        GoldenFiles.Loaded loaded;
        try {
            loaded = GoldenFiles.read(context.goldenDir(), GROUP, set(spec));
        } catch (GoldenDataException e) {
            return new Verdict.Error("golden data unusable: " + e.getMessage(), "", new Evidence());
        }
        Manifest m = loaded.manifest();
        Tensor x = ModelInputs.evaluationBatch(context.goldenDir());
        if (!ModelWeights.sha256(Map.of("input", x)).equals(m.pins().get("inputSha256"))) {
            return new Verdict.Error(loaded.file() + ": the preprocessed photos no longer match the pinned SHA-256 "
                    + "(preprocessing or photos changed): regenerate with ./tck golden", "", new Evidence());
        }
        Map<String, Tensor> weights = ModelWeights.calibrated(spec, m.seed(), ModelInputs.calibrationBatch(context.goldenDir()));
        if (!ModelWeights.sha256(weights).equals(m.pins().get("weightsSha256"))) {
            return new Verdict.Error(loaded.file() + ": the regenerated weights do not match the pinned SHA-256 (the weight "
                    + "generator changed): regenerate with ./tck golden", "", new Evidence());
        }
        Module model = impl.resnet(spec);
        StateDict.load(model, weights, spec.name() + " regenerated weights (seed " + m.seed() + ")");
        model.train(false);
        Map<String, Tensor> actual = dev.resnettck.tck.models.StagedForward.run(model, x, spec.stages());
        Tensor logits = loaded.tensor("case-00", "expected/logits");
        List<Comparison> compared = new ArrayList<>();
        List<String> stageNames = stageNames(spec);
        for (int i = 0; i < stageNames.size() - 1; i++) {
            Tensor got = actual.get(stageNames.get(i));
            if (got != null) {
                Tensor want = loaded.tensor("case-00", "expected/sample/" + stageNames.get(i));
                compared.add(Compare.arrays(stageNames.get(i) + " (sample)", sample(got.data()), doubles(want.data()),
                        want.shape(), 0, Tolerance.DEFAULT, LayerGolden.noise(loaded, "case-00",
                                "float32-noise/sample/" + stageNames.get(i))));
            }
        }
        Comparison result = Compare.tensors("logits", actual.get("logits"), doubles(logits.data()), logits.shape(), 0,
                Tolerance.DEFAULT, LayerGolden.noise(loaded, "case-00", "float32-noise/logits"));
        compared.add(result);
        Evidence e = new Evidence();
        e.addCase(ModelInputs.PHOTOS + ", weights seed " + m.seed() + " (pinned " + m.pins().get("weightsSha256")
                .substring(0, 12) + "...)", compared);
        return result.passed() ? new Verdict.Pass(e) : new Verdict.Fail(result.summary(), "", e);
    }

    static List<String> stageNames(ResNetSpec spec) {
        List<String> names = new ArrayList<>(List.of("stem"));
        for (int i = 1; i <= spec.stages(); i++) {
            names.add("layer" + i);
        }
        names.add("logits");
        return names;
    }

    /** Every k-th element, k chosen so at most {@link #SAMPLES} remain. */
    static float[] sample(float[] v) {
        int stride = Math.max(1, v.length / SAMPLES);
        float[] out = new float[(v.length + stride - 1) / stride];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[i * stride];
        }
        return out;
    }

    static double[] doubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

}
