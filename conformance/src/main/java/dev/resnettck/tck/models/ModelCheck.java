package dev.resnettck.tck.models;

import dev.resnettck.nn.Module;
import dev.resnettck.nn.StateDict;
import dev.resnettck.reference.Precision;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.compare.Compare;
import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.compare.Float32Noise;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.layers.StateEntry;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.Evidence;
import dev.resnettck.tck.rules.Level;
import dev.resnettck.tck.rules.ReferenceMemo;
import dev.resnettck.tck.rules.Rule;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.spi.Capability;
import dev.resnettck.tck.spi.TckImplementation;
import dev.resnettck.tck.torchvision.TorchVisionLayout;
import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The whole-model rules for one preset: parameter count, state_dict keys and shapes, and
 * equivalence with torchvision's ResNet on real photographs in evaluation mode.
 */
public final class ModelCheck implements Check {
    /** The three model rules. */
    public enum Kind { PARAMS, KEYS, EVAL }

    /** torchvision's documented parameter counts (1000 classes). */
    static final Map<String, Long> PARAMETERS = Map.of("resnet18", 11_689_512L, "resnet34", 21_797_672L,
            "resnet50", 25_557_032L, "resnet101", 44_549_160L, "resnet152", 60_192_808L);

    /** The reference's stages for the last few (model, seed) pairs: every implementation meets the same ones. */
    private static final ReferenceMemo<List<ReferenceResNet.Stage>> REFERENCE = new ReferenceMemo<>(10);
    private final ResNetSpec spec;
    private final Kind kind;
    private final Rule rule;

    public ModelCheck(ResNetSpec spec, Kind kind) {
        this.spec = spec;
        this.kind = kind;
        String depth = spec.name().toUpperCase(Locale.ROOT);
        this.rule = new Rule("MODEL-" + depth + "-" + kind.name(), Level.REQUIRED, "models", spec.name() + ": " + switch (kind) {
            case PARAMS -> "exactly " + String.format(Locale.ROOT, "%,d", PARAMETERS.get(spec.name())) + " parameters, as torchvision";
            case KEYS -> "state_dict keys, order and shapes exactly torchvision's";
            case EVAL -> "evaluation-mode logits (and every stage's output) on real photographs match torchvision's ResNet";
        }, kind == Kind.EVAL ? Rule.Source.LIVE_REFERENCE : Rule.Source.SELF, Set.of(Capability.MODELS), switch (kind) {
            case PARAMS, KEYS -> "the block layout: bottleneck widths and expansion, where projections go, the fc size";
            case EVAL -> "the stage named in the errors: stem (7x7/2 conv, 3x3/2 max pool with padding 1), a layer "
                    + "(block composition, v1.5 stride), or the head (average pool, flatten, fc)";
        });
    }

    public static List<Check> all() {
        List<Check> checks = new ArrayList<>();
        for (ResNetSpec spec : ResNetSpec.PRESETS) {
            for (Kind kind : Kind.values()) {
                checks.add(new ModelCheck(spec, kind));
            }
        }
        return checks;
    }

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public Verdict run(TckImplementation impl, SuiteContext context) {
        return switch (kind) {
            case PARAMS -> parameters(impl);
            case KEYS -> keys(impl);
            case EVAL -> equivalence(impl, context);
        };
    }

    private Verdict parameters(TckImplementation impl) {
        long count = StateDict.parameterCount(impl.resnet(spec));
        long expected = PARAMETERS.get(spec.name());
        Evidence e = new Evidence();
        e.fact("parameters", count);
        return count == expected ? new Verdict.Pass(e)
                : new Verdict.Fail(spec.name() + " has " + count + " parameters, torchvision's has " + expected, "", e);
    }

    private Verdict keys(TckImplementation impl) {
        Map<String, Tensor> actual = StateDict.entries(impl.resnet(spec));
        List<StateEntry> expected = TorchVisionLayout.resnet(spec);
        List<String> problems = new ArrayList<>();
        List<String> actualKeys = new ArrayList<>(actual.keySet());
        for (int i = 0; i < expected.size(); i++) {
            StateEntry want = expected.get(i);
            Tensor got = actual.get(want.key());
            if (got == null) {
                problems.add("missing '" + want.key() + "'");
            } else if (!Arrays.equals(got.shape(), want.shape())) {
                problems.add("'" + want.key() + "' has shape " + Arrays.toString(got.shape()) + ", torchvision's "
                        + Arrays.toString(want.shape()));
            } else if (i >= actualKeys.size() || !actualKeys.get(i).equals(want.key())) {
                problems.add("'" + want.key() + "' is out of torchvision's order (position " + actualKeys.indexOf(want.key())
                        + ", expected " + i + ")");
            }
        }
        Set<String> wanted = new java.util.HashSet<>(expected.stream().map(StateEntry::key).toList());
        actualKeys.stream().filter(k -> !wanted.contains(k)).forEach(k -> problems.add("unexpected '" + k + "'"));
        Evidence e = new Evidence();
        e.fact("entries", actual.size());
        return problems.isEmpty() ? new Verdict.Pass(e)
                : new Verdict.Fail(problems.size() + " state_dict problem(s): "
                        + String.join("; ", problems.subList(0, Math.min(8, problems.size()))), "", e);
    }

    private Verdict equivalence(TckImplementation impl, SuiteContext context) {
        long seed = context.seedFor(rule.id());
        Tensor x = ModelInputs.evaluationBatch(context.goldenDir());
        Map<String, Tensor> weights = ModelWeights.calibrated(spec, seed, ModelInputs.calibrationBatch(context.goldenDir()));
        Module model = impl.resnet(spec);
        StateDict.load(model, weights, spec.name() + " generated weights (seed " + seed + ")");
        model.train(false);
        Map<String, Tensor> actual = StagedForward.run(model, x, spec.stages());

        String key = spec.name() + " weights seed " + seed;
        List<ReferenceResNet.Stage> stages = REFERENCE.get(key + " oracle",
                () -> ReferenceResNet.stages(spec, weights, x, Precision.FLOAT64_ROUNDED));
        List<ReferenceResNet.Stage> float32 = REFERENCE.get(key + " float32",
                () -> ReferenceResNet.stages(spec, weights, x, Precision.FLOAT32));
        double[] refLogits = stages.get(stages.size() - 1).values();
        List<Comparison> compared = new ArrayList<>();
        List<String> names = StagedForward.names(spec.stages());
        for (int i = 0; i < names.size(); i++) {
            Tensor got = actual.get(names.get(i));
            if (got != null) {
                compared.add(Compare.tensors(names.get(i), got, stages.get(i).values(), stages.get(i).shape(), 0,
                        Tolerance.DEFAULT, Float32Noise.of(stages.get(i).values(), float32.get(i).values())));
            }
        }
        Evidence evidence = new Evidence();
        evidence.addCase(ModelInputs.PHOTOS + " at 224x224, eval mode, weights seed " + seed, compared);
        evidence.fact("batch", x.size(0));
        for (Comparison c : compared) {
            evidence.fact(c.what() + " max abs", String.format(Locale.ROOT, "%.2e", c.maxAbs()));
        }
        evidence.fact("top-1 (implementation / torch)", top1(actual.get("logits").data(), refLogits, x.size(0)));
        // the pass rule is on the logits; the stages say where a failure starts
        Comparison logits = compared.get(compared.size() - 1);
        if (logits.passed()) {
            return new Verdict.Pass(evidence);
        }
        String firstStage = compared.stream().filter(c -> !c.passed()).findFirst().map(Comparison::summary).orElseThrow();
        return new Verdict.Fail(logits.summary() + "; the first stage outside the rule: " + firstStage,
                "-Dtck.seed." + rule.id() + "=" + seed, evidence);
    }

    private static String top1(float[] ours, double[] theirs, int n) {
        int classes = ours.length / n;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int a = 0, r = 0;
            for (int k = 1; k < classes; k++) {
                a = ours[i * classes + k] > ours[i * classes + a] ? k : a;
                r = theirs[i * classes + k] > theirs[i * classes + r] ? k : r;
            }
            b.append(i == 0 ? "" : ", ").append(a).append('/').append(r);
        }
        return b.toString();
    }
}
