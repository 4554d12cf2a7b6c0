package dev.resnettck.tck.certify;

import dev.resnettck.tck.rules.Rule;
import dev.resnettck.tck.rules.Verdict;

/** One rule and what it concluded for the implementation. */
public record RuleVerdict(Rule rule, Verdict verdict) {
}
