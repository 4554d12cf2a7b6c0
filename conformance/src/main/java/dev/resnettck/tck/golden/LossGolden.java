package dev.resnettck.tck.golden;

import dev.resnettck.nn.Loss;
import dev.resnettck.tck.compare.Compare;
import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.Evidence;
import dev.resnettck.tck.rules.Level;
import dev.resnettck.tck.rules.Rule;
import dev.resnettck.tck.rules.RuleRunnerSupport;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.spi.Capability;
import dev.resnettck.tck.spi.TckImplementation;
import dev.resnettck.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Frozen cross-entropy cases ({@code GOLDEN-LOSS-CROSSENTROPY}): logits, targets, loss and its gradient. */
public final class LossGolden implements Check {
    static final String GROUP = "loss";
    static final String SET = "LOSS-CROSSENTROPY";
    private final Rule rule = new Rule("GOLDEN-" + SET, Level.REQUIRED, "golden",
            "torch.nn.CrossEntropyLoss: frozen loss and logit-gradient cases", Rule.Source.GOLDEN, Set.of(Capability.BACKWARD),
            "as LOSS-CROSSENTROPY-FWD and -BWD");

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public Verdict run(TckImplementation impl, SuiteContext context) throws IOException {
        GoldenFiles.Loaded loaded;
        try {
            loaded = GoldenFiles.read(context.goldenDir(), GROUP, SET);
        } catch (GoldenDataException e) {
            return new Verdict.Error("golden data unusable: " + e.getMessage(), "", new Evidence());
        }
        List<RuleRunnerSupport.CaseOutcome> cases = new ArrayList<>();
        for (Manifest.Entry entry : loaded.manifest().cases()) {
            Tensor z = loaded.tensor(entry.name(), "logits");
            float[] tf = loaded.tensor(entry.name(), "targets").data();
            int[] t = new int[tf.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = (int) tf[i];
            }
            try {
                Loss loss = impl.layers().crossEntropy().get();
                double value = loss.forward(z, t);
                Tensor grad = loss.backward();
                List<Comparison> c = List.of(
                        Compare.arrays("loss", new float[] {(float) value}, ModelGolden.doubles(
                                loaded.tensor(entry.name(), "expected/loss").data()), new int[0], 2, Tolerance.DEFAULT,
                                LayerGolden.noise(loaded, entry.name(), "float32-noise/loss")),
                        Compare.tensors("grad of logits", grad, ModelGolden.doubles(loaded.tensor(entry.name(),
                                "expected/grad").data()), z.shape(), 2, Tolerance.DEFAULT,
                                LayerGolden.noise(loaded, entry.name(), "float32-noise/grad")));
                cases.add(new RuleRunnerSupport.CaseOutcome(entry.name() + " " + entry.args(), c, null));
            } catch (RuntimeException e) {
                cases.add(new RuleRunnerSupport.CaseOutcome(entry.name() + " " + entry.args(), List.of(), e));
            }
        }
        return RuleRunnerSupport.verdict(cases);
    }
}
