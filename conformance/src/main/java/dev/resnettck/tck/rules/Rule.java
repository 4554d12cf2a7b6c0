package dev.resnettck.tck.rules;

import dev.resnettck.tck.spi.Capability;
import java.util.Set;

/**
 * One stable, documented requirement, as TCKs name them: {@code LAYER-CONV2D-FWD}. The rules
 * catalogue (docs/RULES.md) and the certificate are generated from these.
 *
 * @param source what the rule compares against
 * @param needs  capabilities the implementation must have; lacking one makes the rule not applicable
 * @param ifFails where to look first when it fails
 * @param long_   takes minutes (training): runs only for the implementations {@code -Dtck.long} names
 */
public record Rule(String id, Level level, String group, String title, Source source, Set<Capability> needs,
                   String ifFails, boolean long_) {

    /** An ordinary rule: seconds on any implementation. */
    public Rule(String id, Level level, String group, String title, Source source, Set<Capability> needs, String ifFails) {
        this(id, level, group, title, source, needs, ifFails, false);
    }

    /** The same rule marked as taking minutes (training): run only where {@code -Dtck.long} enables it. */
    public Rule takingMinutes() {
        return new Rule(id, level, group, title, source, needs, ifFails, true);
    }

    /** What a rule's expected values come from. */
    public enum Source {
        /** PyTorch through DJL, computed now (needs the reference on the classpath). */
        LIVE_REFERENCE,
        /** Frozen reference outputs in golden-data/ (needs no DJL). */
        GOLDEN,
        /** Properties of the implementation alone (names, counts, invariants). */
        SELF
    }

    public Rule {
        if (!id.matches("[A-Z0-9]+(-[A-Z0-9]+)*")) {
            throw new IllegalArgumentException("rule id '" + id + "' must be upper-case words joined by '-'");
        }
        needs = Set.copyOf(needs);
    }
}
