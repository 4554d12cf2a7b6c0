package dev.resnettck.tck.certify;

import dev.resnettck.reference.ReferenceEngine;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.RuleRunner;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.spi.TckImplementation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Runs checks over one implementation, in order, and collects the verdicts. */
public final class Certifier {
    private Certifier() {
    }

    public static Certification run(TckImplementation impl, List<Check> checks, SuiteContext context,
                                    BiConsumer<Check, Verdict> afterEach) {
        return run(impl, checks, context, new Scope(Scope.ALL_RULES, context.effort(), checks.size(),
                ReferenceEngine.isAvailable()), afterEach);
    }

    public static Certification run(TckImplementation impl, List<Check> checks, SuiteContext context, Scope scope,
                                    BiConsumer<Check, Verdict> afterEach) {
        Instant start = Instant.now();
        List<RuleVerdict> verdicts = new ArrayList<>();
        for (Check check : checks) {
            long t0 = System.nanoTime();
            Verdict v = RuleRunner.run(check, impl, context);
            verdicts.add(new RuleVerdict(check.rule(), v, (System.nanoTime() - t0) / 1e9));
            afterEach.accept(check, v);
        }
        return new Certification(impl, verdicts, context.seed(), start, Duration.between(start, Instant.now()), scope);
    }
}
