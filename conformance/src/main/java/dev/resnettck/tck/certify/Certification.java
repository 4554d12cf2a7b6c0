package dev.resnettck.tck.certify;

import dev.resnettck.tck.rules.Level;
import dev.resnettck.tck.rules.Rule;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.spi.TckImplementation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A finished run of the suite over one implementation. */
public record Certification(TckImplementation implementation, List<RuleVerdict> verdicts, long seed, Instant started,
                            Duration took, Scope scope) {

    /** A run of every given rule at full effort with the reference present (the suite's own tests). */
    public Certification(TckImplementation implementation, List<RuleVerdict> verdicts, long seed, Instant started,
                         Duration took) {
        this(implementation, verdicts, seed, started, took, new Scope(Scope.ALL_RULES, 1, verdicts.size(), true));
    }

    /**
     * Certified when no required rule failed or errored and at least one rule passed: an
     * implementation that could not run here (every rule not applicable) is never certified.
     */
    public boolean certified() {
        return requiredFailures().isEmpty() && count("PASS") > 0;
    }

    /**
     * "CERTIFIED" (every rule of the suite at full effort, every required rule ran), "CERTIFIED against
     * golden data only; N live rules not run", "CERTIFIED (partial: ...)" naming what was left out,
     * "NOT CERTIFIED", or "NOT CERTIFIED (nothing ran: reason)".
     */
    public String result() {
        if (certified()) {
            List<String> gaps = gaps();
            if (!scope.referencePresent()) {
                long live = verdicts.stream().filter(v -> v.rule().source() == Rule.Source.LIVE_REFERENCE).count();
                return "CERTIFIED against golden data only; " + live + " live rules not run";
            }
            return gaps.isEmpty() ? "CERTIFIED" : "CERTIFIED (partial: " + String.join("; ", gaps) + ")";
        }
        if (count("PASS") == 0 && requiredFailures().isEmpty()) {
            String why = implementation.unavailableReason().orElse("no rule passed");
            return "NOT CERTIFIED (nothing ran: " + why + ")";
        }
        return "NOT CERTIFIED";
    }

    /** Rules that passed with every tensor within the strict rule (correctly rounded within 1e-5). */
    public long strictPasses() {
        return verdicts.stream().filter(v -> v.verdict() instanceof Verdict.Pass && v.verdict().evidence().strict())
                .count();
    }

    /** Rules that ran to a verdict on values: pass, fail or error. */
    public long decided() {
        return count("PASS") + count("FAIL") + count("ERROR");
    }

    /** "strict (correctly rounded within 1e-5): N of M rules", the strict level beside the verdict. */
    public String strictLine() {
        return "strict (correctly rounded within 1e-5): " + strictPasses() + " of " + decided() + " rules";
    }

    /** Whether the run covered the whole suite: every rule, full effort, every required rule ran. */
    public boolean complete() {
        return gaps().isEmpty() && scope.referencePresent();
    }

    /** What keeps this run from being a full certification, in words; empty when nothing does. */
    public List<String> gaps() {
        List<String> gaps = new ArrayList<>();
        if (!scope.everyRule()) {
            gaps.add(verdicts.size() + " of " + scope.suiteRules() + " rules selected by --rules '" + scope.rules() + "'");
        }
        if (scope.effort() < 1) {
            gaps.add("effort " + scope.effort() + " (fewer cases than the full suite)");
        }
        List<String> skipped = verdicts.stream().filter(v -> v.rule().level() == Level.REQUIRED
                && (v.verdict() instanceof Verdict.NotRun || v.verdict() instanceof Verdict.NotApplicable))
                .map(v -> v.rule().id()).toList();
        if (!skipped.isEmpty()) {
            gaps.add(skipped.size() + " required rule(s) not run or not applicable: " + String.join(", ", skipped));
        }
        return gaps;
    }

    public List<RuleVerdict> requiredFailures() {
        return verdicts.stream().filter(v -> v.rule().level() == Level.REQUIRED && v.verdict().isFailure()).toList();
    }

    public long count(String label) {
        return verdicts.stream().filter(v -> v.verdict().label().equals(label)).count();
    }
}
