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
    private int outsideStrict;
    private Comparison tightest;
    private double neededFactor;

    public synchronized void addCase(String description, List<Comparison> comparisons) {
        casesRun++;
        if (cases.size() < MAX_CASES_KEPT) {
            cases.add(new Case(description, List.copyOf(comparisons)));
        }
        for (Comparison c : comparisons) {
            if (!c.strict()) {
                outsideStrict++;
            }
            neededFactor = Math.max(neededFactor, c.neededFactor());
            if (c.bound() > 0 && (tightest == null || c.boundRatio() > tightest.boundRatio())) {
                tightest = c;
            }
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

    /** Whether every compared tensor of every case met the strict rule (correctly rounded within 1e-5). */
    public synchronized boolean strict() {
        return outsideStrict == 0;
    }

    /** How many compared tensors, over all cases, had an element outside the strict rule. */
    public synchronized int outsideStrict() {
        return outsideStrict;
    }

    /**
     * The compared tensor that came closest to (or went past) its float32 bound: the largest
     * max abs error over bound; empty when no tensor had a float32 bound.
     */
    public synchronized java.util.Optional<Comparison> tightest() {
        return java.util.Optional.ofNullable(tightest);
    }

    /** The largest {@link Comparison#neededFactor()} over everything compared: 0 when all was strict. */
    public synchronized double neededFactor() {
        return neededFactor;
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
        String facts = this.facts.isEmpty() ? "" : ", " + String.join(", ", this.facts.entrySet().stream()
                .map(f -> f.getKey() + " " + f.getValue()).toList());
        if (worst.isEmpty()) {
            return casesRun + " case(s)" + facts;
        }
        double[] e = maxErrors();
        return String.format("%d case(s); max abs %.2e, max rel %.2e, max ULP %.1f", casesRun, e[0], e[1], e[2]) + facts;
    }
}
