package dev.resnettck.tck.rules;

import dev.resnettck.tck.compare.Comparison;
import java.util.List;

/** Turns fixed (non-generated) cases into a verdict: the first failure or exception is the message. */
public final class RuleRunnerSupport {
    private RuleRunnerSupport() {
    }

    /** One case: what was compared, or the exception the implementation threw instead. */
    public record CaseOutcome(String description, List<Comparison> comparisons, RuntimeException error) {
    }

    public static Verdict verdict(List<CaseOutcome> cases) {
        Evidence evidence = new Evidence();
        String failure = null;
        String error = null;
        for (CaseOutcome c : cases) {
            if (c.error() != null) {
                if (error == null) {
                    error = c.description() + ": the implementation threw " + RuleRunner.describe(c.error());
                }
                continue;
            }
            evidence.addCase(c.description(), c.comparisons());
            if (failure == null) {
                failure = c.comparisons().stream().filter(x -> !x.passed()).findFirst()
                        .map(x -> c.description() + ": " + x.summary()).orElse(null);
            }
        }
        if (error != null) {
            return new Verdict.Error(error, "", evidence);
        }
        return failure == null ? new Verdict.Pass(evidence) : new Verdict.Fail(failure, "", evidence);
    }
}
