package dev.resnettck.tck.rules;

import static org.quicktheories.QuickTheory.qt;

import dev.resnettck.tck.compare.Comparison;
import java.util.List;
import java.util.function.Function;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Gen;
import org.quicktheories.core.Reporter;

/**
 * Property-based checking with QuickTheories: generated cases from the rule's seed, every case
 * recorded as evidence, and on failure the case shrunk to a minimal one, reported with the seed
 * that replays it ({@code -Dtck.seed.<RULE-ID>=<seed>}).
 */
public final class PropertyRunner {
    private PropertyRunner() {
    }

    /** One case's work: run it and return what was compared. Throwing counts as an error. */
    @FunctionalInterface
    public interface CaseBody<C> {
        List<Comparison> run(C testCase) throws Exception;
    }

    public static <C> Verdict check(Rule rule, SuiteContext context, int examples, Gen<C> cases,
                                    Function<C, String> describe, CaseBody<C> body) {
        Evidence evidence = new Evidence();
        long seed = context.seedFor(rule.id());
        Capture capture = new Capture();
        qt().withFixedSeed(seed)
                .withExamples(context.examples(examples))
                .withShrinkCycles(200)
                .withReporter(capture)
                .forAll(cases.describedAs(describe::apply))
                .checkAssert(testCase -> {
                    List<Comparison> compared;
                    try {
                        compared = body.run(testCase);
                    } catch (Exception e) {
                        throw new ImplementationThrew(e);
                    }
                    evidence.addCase(describe.apply(testCase), compared);
                    for (Comparison c : compared) {
                        if (!c.passed()) {
                            throw new AssertionError(c.summary());
                        }
                    }
                });
        String replay = "-Dtck.seed." + rule.id() + "=" + seed;
        if (capture.cause == null) {
            evidence.fact("seed", seed);
            return new Verdict.Pass(evidence);
        }
        String message = "falsified after " + capture.examples + " case(s); smallest failing case: " + capture.smallest
                + "; " + (capture.cause instanceof ImplementationThrew t ? "the implementation threw "
                        + RuleRunner.describe(t.getCause()) : capture.cause.getMessage())
                + " (seed " + seed + ", replay with " + replay + ")";
        return capture.cause instanceof ImplementationThrew
                ? new Verdict.Error(message, replay, evidence)
                : new Verdict.Fail(message, replay, evidence);
    }

    /** Marks an exception from the implementation, so it is reported as an error, not a tolerance failure. */
    static final class ImplementationThrew extends RuntimeException {
        ImplementationThrew(Exception cause) {
            super(cause);
        }
    }

    /** Keeps QuickTheories' falsification instead of letting it throw. */
    private static final class Capture implements Reporter {
        Throwable cause;
        String smallest;
        int examples;

        @Override
        public void falisification(long seed, int examplesUsed, Object smallestValue, Throwable cause,
                                   List<Object> others, AsString<Object> toString) {
            this.cause = cause;
            this.smallest = toString.asString(smallestValue);
            this.examples = examplesUsed;
        }

        @Override
        public void falisification(long seed, int examplesUsed, Object smallestValue, List<Object> others,
                                   AsString<Object> toString) {
            this.cause = new AssertionError("property returned false");
            this.smallest = toString.asString(smallestValue);
            this.examples = examplesUsed;
        }

        @Override
        public void valuesExhausted(int examplesUsed) {
        }
    }
}
