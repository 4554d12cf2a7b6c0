package dev.resnettck.tck.rules;

/** The outcome of one rule for one implementation. Nothing is skipped without a reason. */
public sealed interface Verdict {

    Evidence evidence();

    /** Every case met the rule. */
    record Pass(Evidence evidence) implements Verdict {
    }

    /**
     * A case broke the rule: an output outside the tolerance, a wrong name, a missing error.
     *
     * @param replay how to rerun exactly this (a system property with the seed), or empty
     */
    record Fail(String message, String replay, Evidence evidence) implements Verdict {
    }

    /** The implementation threw where it should have computed. */
    record Error(String message, String replay, Evidence evidence) implements Verdict {
    }

    /** The implementation declared it cannot do what the rule needs; the reason is its own. */
    record NotApplicable(String reason, Evidence evidence) implements Verdict {
    }

    /** The suite could not run the rule here (no reference, no dataset, opt-in); the reason says what to do. */
    record NotRun(String reason, Evidence evidence) implements Verdict {
    }

    default String label() {
        return switch (this) {
            case Pass p -> "PASS";
            case Fail f -> "FAIL";
            case Error e -> "ERROR";
            case NotApplicable n -> "NOT APPLICABLE";
            case NotRun n -> "NOT RUN";
        };
    }

    /** The one line a report shows after the label. */
    default String detail() {
        return switch (this) {
            case Pass p -> p.evidence().headline();
            case Fail f -> f.message();
            case Error e -> e.message();
            case NotApplicable n -> n.reason();
            case NotRun n -> n.reason();
        };
    }

    default boolean isFailure() {
        return this instanceof Fail || this instanceof Error;
    }
}
