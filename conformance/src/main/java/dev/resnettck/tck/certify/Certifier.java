package dev.resnettck.tck.certify;

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
        Instant start = Instant.now();
        List<RuleVerdict> verdicts = new ArrayList<>();
        for (Check check : checks) {
            Verdict v = RuleRunner.run(check, impl, context);
            verdicts.add(new RuleVerdict(check.rule(), v));
            afterEach.accept(check, v);
        }
        return new Certification(impl, verdicts, context.seed(), start, Duration.between(start, Instant.now()));
    }
}
