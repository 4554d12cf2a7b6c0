package dev.resnettck.tck.layers;

import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.Evidence;
import dev.resnettck.tck.rules.Level;
import dev.resnettck.tck.rules.PropertyRunner;
import dev.resnettck.tck.rules.Rule;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.spi.TckImplementation;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/** One generic check ({@link LayerCheckKind}) applied to one layer entry. */
public final class LayerCheck<A> implements Check {
    private final LayerSpec<A> spec;
    private final LayerCheckKind kind;
    private final Rule rule;

    public LayerCheck(LayerSpec<A> spec, LayerCheckKind kind) {
        this(spec, kind, "LAYER", "layers");
    }

    /** A check whose rule id is {@code <prefix>-<spec id>-<kind>}, in the given report group. */
    public LayerCheck(LayerSpec<A> spec, LayerCheckKind kind, String prefix, String group) {
        this.spec = spec;
        this.kind = kind;
        this.rule = new Rule(prefix + "-" + spec.id() + "-" + kind.suffix(), Level.REQUIRED, group,
                spec.torchName() + ": " + kind.title,
                kind == LayerCheckKind.ARGS ? Rule.Source.SELF : Rule.Source.LIVE_REFERENCE, kind.needs,
                hint());
    }

    private String hint() {
        return switch (kind) {
            case FWD -> "the forward kernel of " + spec.torchName() + " (output size formula, padding, accumulation)";
            case BWD -> "the backward kernel: which gradient differs is named in the failure (input or a parameter)";
            case EVAL -> "evaluation-mode behaviour: running statistics must be used and left unchanged";
            case EVAL_BWD -> "evaluation-mode backward: statistics are constants there";
            case BATCH1 -> "code that treats the batch dimension specially or divides by n-1";
            case NONCONTIG -> "the layer reads its input through strides (call contiguous() or honour strides/offset)";
            case WIDE -> "tiling edges: partial register tiles, several cache blocks along the reduction, many tasks";
            case ARGS -> "argument validation: the message must name the argument";
        };
    }

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public Verdict run(TckImplementation impl, SuiteContext context) {
        if (kind == LayerCheckKind.ARGS) {
            return checkInvalidArguments(impl);
        }
        LayerRun.Mode mode = new LayerRun.Mode(kind.training, kind.backward, kind.nonContiguous);
        Gen<A> args = kind == LayerCheckKind.WIDE ? spec.wide()
                : kind.batchOne ? spec.arguments().map(spec.withBatchOne()) : spec.arguments();
        List<ValueProfile> profiles = spec.profiles();
        Gen<LayerCase<A>> cases = in -> new LayerCase<>(args.generate(in),
                profiles.get((int) in.next(Constraint.between(0, profiles.size() - 1))),
                in.next(Constraint.between(0, Integer.MAX_VALUE)));
        return PropertyRunner.check(rule, context, kind.examples, cases, LayerCase::toString,
                c -> LayerRun.run(spec, c, impl, mode));
    }

    private Verdict checkInvalidArguments(TckImplementation impl) {
        Evidence evidence = new Evidence();
        List<String> problems = new ArrayList<>();
        for (InvalidArgument bad : spec.invalidArguments()) {
            String outcome;
            boolean ok;
            try {
                bad.attempt().accept(impl.layers());
                outcome = "accepted without an error";
                ok = false;
            } catch (RuntimeException e) {
                String message = String.valueOf(e.getMessage());
                ok = message.contains(bad.mustName());
                outcome = ok ? "refused: " + message
                        : "refused, but the message does not name '" + bad.mustName() + "': " + message;
            }
            evidence.addCase(bad.description(), List.of(new Comparison(bad.description(), ok, 0, 0, 0, 0, ok ? 0 : 1, 1,
                    "", ok ? null : outcome)));
            evidence.fact(bad.description(), outcome);
            if (!ok) {
                problems.add(bad.description() + ": " + outcome);
            }
        }
        return problems.isEmpty() ? new Verdict.Pass(evidence)
                : new Verdict.Fail(String.join("; ", problems), "", evidence);
    }
}
