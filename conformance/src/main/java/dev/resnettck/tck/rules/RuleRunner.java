package dev.resnettck.tck.rules;

import dev.resnettck.reference.ReferenceEngine;
import dev.resnettck.tck.spi.Capability;
import dev.resnettck.tck.spi.TckImplementation;
import java.util.Optional;

/**
 * Runs one check for one implementation: first decides whether it can apply (the implementation is
 * available and has the capabilities; the live reference is present), then runs it, turning any
 * exception into an {@link Verdict.Error} that names it.
 */
public final class RuleRunner {
    private RuleRunner() {
    }

    /** Names the implementations that run rules taking minutes: a comma list, or {@code all}. */
    public static final String LONG_PROPERTY = "tck.long";
    public static final String LONG_DEFAULT = "fast";

    static boolean longRulesEnabled(String implementation) {
        String setting = System.getProperty(LONG_PROPERTY, LONG_DEFAULT);
        return setting.equals("all") || java.util.Arrays.asList(setting.split(",")).contains(implementation);
    }

    public static Verdict run(Check check, TckImplementation impl, SuiteContext context) {
        Rule rule = check.rule();
        Optional<String> unavailable = impl.unavailableReason();
        if (unavailable.isPresent()) {
            return new Verdict.NotApplicable(impl.name() + " is unavailable here: " + unavailable.get(), new Evidence());
        }
        for (Capability needed : rule.needs()) {
            String reason = impl.unsupported().get(needed);
            if (reason != null) {
                return new Verdict.NotApplicable(impl.name() + " does not support " + needed + ": " + reason,
                        new Evidence());
            }
        }
        if (rule.long_() && !longRulesEnabled(impl.name())) {
            return new Verdict.NotRun("takes minutes (training); this run enables such rules for "
                    + System.getProperty(LONG_PROPERTY, LONG_DEFAULT) + " only: add -D" + LONG_PROPERTY + "=" + impl.name()
                    + " (or =all)", new Evidence());
        }
        if (rule.source() == Rule.Source.LIVE_REFERENCE) {
            Optional<String> noReference = ReferenceEngine.unavailableReason();
            if (noReference.isPresent()) {
                return new Verdict.NotRun("live PyTorch reference not available (" + noReference.get()
                        + "); the golden-data rules cover this without it", new Evidence());
            }
        }
        try {
            return check.run(impl, context);
        } catch (Exception | LinkageError | AssertionError e) {
            return new Verdict.Error(rule.id() + " crashed: " + describe(e), "", new Evidence());
        }
    }

    static String describe(Throwable e) {
        if (e instanceof java.io.UncheckedIOException u) {
            e = u.getCause();
        }
        if (e instanceof java.io.IOException) {
            return e.getMessage(); // bad input (a corrupt or missing file): the message names the file and the problem
        }
        StackTraceElement[] trace = e.getStackTrace();
        String where = trace.length == 0 ? "" : " at " + trace[0];
        return e.getClass().getSimpleName() + ": " + e.getMessage() + where;
    }
}
