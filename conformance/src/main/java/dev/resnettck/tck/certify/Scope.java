package dev.resnettck.tck.certify;

/**
 * What a certification run covered: the rule filter, the effort (1 = the full number of cases),
 * how many rules the suite has, and whether the live reference (DJL) was present. A run that did
 * not cover everything reads as partial on its certificate, never as a full certification.
 */
public record Scope(String rules, double effort, int suiteRules, boolean referencePresent) {
    public static final String ALL_RULES = ".*";

    public boolean everyRule() {
        return ALL_RULES.equals(rules);
    }
}
