package dev.resnettck.tck.rules;

import dev.resnettck.tck.compare.Comparison;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a check saw: one entry per case with its comparisons, the worst figures per compared
 * quantity, free-form facts (accuracy, wall time) and attachments (plots, tables) for the report.
 */
public final class Evidence {
    /** Cases kept in full for the report; the worst figures always cover every case. */
    public static final int MAX_CASES_KEPT = 60;

    public record Case(String description, List<Comparison> comparisons) {
        public boolean passed() {
            return comparisons.stream().allMatch(Comparison::passed);
        }
    }

    public record Attachment(String name, String mimeType, byte[] content) {
    }

    private final List<Case> cases = new ArrayList<>();
    private final Map<String, Comparison> worst = new LinkedHashMap<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<Attachment> attachments = new ArrayList<>();
    private int casesRun;

    public synchronized void addCase(String description, List<Comparison> comparisons) {
        casesRun++;
        if (cases.size() < MAX_CASES_KEPT) {
            cases.add(new Case(description, List.copyOf(comparisons)));
        }
        for (Comparison c : comparisons) {
            String key = c.what();
            Comparison before = worst.get(key);
            if (before == null || worse(c, before)) {
                worst.put(key, c);
            }
        }
    }

    private static boolean worse(Comparison a, Comparison b) {
        if (a.passed() != b.passed()) {
            return !a.passed();
        }
        return Double.compare(a.maxAbs(), b.maxAbs()) > 0 || Double.isNaN(a.maxAbs());
    }

    public synchronized void fact(String name, Object value) {
        facts.put(name, String.valueOf(value));
    }

    public synchronized void attach(String name, String mimeType, byte[] content) {
        attachments.add(new Attachment(name, mimeType, content));
    }

    public synchronized List<Case> cases() {
        return List.copyOf(cases);
    }

    public synchronized int casesRun() {
        return casesRun;
    }

    /** The worst comparison seen for each compared quantity (output, grad of weight, ...). */
    public synchronized Map<String, Comparison> worst() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(worst));
    }

    public synchronized Map<String, String> facts() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public synchronized List<Attachment> attachments() {
        return List.copyOf(attachments);
    }

    /** Largest max-abs, max-rel and max-ULP over everything compared. */
    public synchronized double[] maxErrors() {
        double abs = 0, rel = 0, ulp = 0;
        for (Comparison c : worst.values()) {
            abs = Math.max(abs, c.maxAbs());
            rel = Math.max(rel, c.maxRel());
            ulp = Math.max(ulp, c.maxUlp());
        }
        return new double[] {abs, rel, ulp};
    }

    public synchronized String headline() {
        if (worst.isEmpty()) {
            return casesRun + " case(s)" + (facts.isEmpty() ? "" : ", " + facts);
        }
        double[] e = maxErrors();
        return String.format("%d case(s); max abs %.2e, max rel %.2e, max ULP %.1f", casesRun, e[0], e[1], e[2])
                + (facts.isEmpty() ? "" : ", " + facts);
    }
}
