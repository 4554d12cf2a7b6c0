package dev.resnettck.tck.golden;

import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.layers.LayerSpec;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.Evidence;
import dev.resnettck.tck.rules.Level;
import dev.resnettck.tck.rules.Rule;
import dev.resnettck.tck.rules.RuleRunnerSupport;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.spi.Capability;
import dev.resnettck.tck.spi.TckImplementation;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * A layer's or block's frozen cases ({@code GOLDEN-LAYER-CONV2D}): needs no DJL. Forward and
 * backward in both modes, so it needs BACKWARD; an implementation without it is not applicable here
 * and is judged by the live forward rules.
 */
public final class GoldenLayerCheck<A> implements Check {
    private final LayerSpec<A> spec;
    private final String prefix;
    private final String group;
    private final Rule rule;

    public GoldenLayerCheck(LayerSpec<A> spec, String prefix, String group) {
        this.spec = spec;
        this.prefix = prefix;
        this.group = group;
        this.rule = new Rule("GOLDEN-" + LayerGolden.set(prefix, spec), Level.REQUIRED, "golden",
                spec.torchName() + ": the frozen reference cases (training and evaluation, forward and backward) in golden-data/"
                        + group, Rule.Source.GOLDEN, Set.of(Capability.BACKWARD),
                "the same as LAYER-/BLOCK- rules of this layer; the case names its arguments");
    }

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public Verdict run(TckImplementation impl, SuiteContext context) throws IOException {
        List<LayerGolden.CaseResult> results;
        try {
            results = LayerGolden.check(spec, prefix, group, context.goldenDir(), impl);
        } catch (GoldenDataException e) {
            return new Verdict.Error("golden data unusable: " + e.getMessage(), "", new Evidence());
        }
        return RuleRunnerSupport.verdict(results.stream().map(r -> new RuleRunnerSupport.CaseOutcome(r.description(),
                r.comparisons(), r.error())).toList());
    }
}
