package dev.resnettck.tck.certify;

import dev.resnettck.tck.rules.Level;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.spi.TckImplementation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A finished run of the suite over one implementation. */
public record Certification(TckImplementation implementation, List<RuleVerdict> verdicts, long seed, Instant started,
                            Duration took) {

    /**
     * Certified when no required rule failed or errored and at least one rule passed: an
     * implementation that could not run here (every rule not applicable) is never certified.
     */
    public boolean certified() {
        return requiredFailures().isEmpty() && count("PASS") > 0;
    }

    /** "CERTIFIED", "NOT CERTIFIED", or "NOT CERTIFIED (nothing ran: reason)". */
    public String result() {
        if (certified()) {
            return "CERTIFIED";
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

    public List<RuleVerdict> requiredFailures() {
        return verdicts.stream().filter(v -> v.rule().level() == Level.REQUIRED && v.verdict().isFailure()).toList();
    }

    public long count(String label) {
        return verdicts.stream().filter(v -> v.verdict().label().equals(label)).count();
    }
}
