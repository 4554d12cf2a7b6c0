package dev.resnettck.tck.certify;

import dev.resnettck.tck.rules.Rule;
import dev.resnettck.tck.rules.Verdict;

/** One rule, what it concluded for the implementation, and how long it took (NaN when not timed). */
public record RuleVerdict(Rule rule, Verdict verdict, double seconds) {

    public RuleVerdict(Rule rule, Verdict verdict) {
        this(rule, verdict, Double.NaN);
    }
}
