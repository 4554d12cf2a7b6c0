package dev.resnettck.tck.suite;

import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.rules.Evidence;
import dev.resnettck.tck.rules.Rule;
import dev.resnettck.tck.rules.Verdict;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Turns a verdict into what Allure and JUnit show: labels that group the report by implementation
 * and rule group, the rule's figures as parameters, one step per case with its errors, attachments,
 * and the test's outcome (failed for a tolerance failure, broken for an error, skipped with the
 * reason for not applicable / not run).
 */
public final class AllureVerdicts {
    private AllureVerdicts() {
    }

    public static void report(String implementation, Rule rule, Verdict verdict) {
        describe(implementation, rule, verdict);
        switch (verdict) {
            case Verdict.Pass p -> {
            }
            case Verdict.Fail f -> Assertions.fail(rule.id() + " failed: " + f.message());
            case Verdict.Error e -> throw new IllegalStateException(rule.id() + " error: " + e.message());
            case Verdict.NotApplicable n -> Assumptions.abort(rule.id() + " not applicable: " + n.reason());
            case Verdict.NotRun n -> Assumptions.abort(rule.id() + " not run: " + n.reason());
        }
    }

    /** Labels, parameters, steps and attachments of a verdict, without deciding the test's outcome. */
    public static void describe(String implementation, Rule rule, Verdict verdict) {
        suites(implementation, rule.group(), subSuite(rule));
        Allure.label("tag", rule.level().name().toLowerCase(Locale.ROOT));
        Allure.description(rule.title() + "\n\nIf this fails, check: " + rule.ifFails());
        Allure.parameter("implementation", implementation);
        Allure.parameter("rule", rule.id());
        Allure.parameter("verdict", verdict.label());
        Evidence evidence = verdict.evidence();
        Allure.parameter("cases", evidence.casesRun());
        if (!evidence.worst().isEmpty()) {
            double[] e = evidence.maxErrors();
            Allure.parameter("max abs error", String.format(Locale.ROOT, "%.3e", e[0]));
            Allure.parameter("max rel error", String.format(Locale.ROOT, "%.3e", e[1]));
            Allure.parameter("max ULP error", String.format(Locale.ROOT, "%.1f", e[2]));
            Allure.parameter("ULP budget", String.format(Locale.ROOT, "%.0f", budget(evidence)));
        }
        evidence.facts().forEach((k, v) -> Allure.parameter(k, v));
        for (Evidence.Case c : evidence.cases()) {
            step(c);
        }
        for (Evidence.Attachment a : evidence.attachments()) {
            Allure.addAttachment(a.name(), a.mimeType(), new java.io.ByteArrayInputStream(a.content()),
                    extension(a.mimeType()));
        }
        if (!evidence.worst().isEmpty()) {
            Allure.addAttachment("worst errors per compared quantity", "text/plain", worstTable(evidence.worst()), ".txt");
        }
    }

    /** Replaces Allure's default suite labels (the test class) so the tree reads implementation / group / layer. */
    public static void suites(String parent, String suite, String sub) {
        Allure.getLifecycle().updateTestCase(t -> {
            t.getLabels().removeIf(l -> List.of("parentSuite", "suite", "subSuite").contains(l.getName()));
            t.getLabels().add(new Label().setName("parentSuite").setValue(parent));
            t.getLabels().add(new Label().setName("suite").setValue(suite));
            if (sub != null) {
                t.getLabels().add(new Label().setName("subSuite").setValue(sub));
            }
        });
    }

    private static String subSuite(Rule rule) {
        String[] parts = rule.id().split("-");
        return parts.length > 1 ? parts[1] : rule.id();
    }

    private static double budget(Evidence evidence) {
        return evidence.worst().values().stream().mapToDouble(Comparison::ulpBudget).max().orElse(0);
    }

    private static String worstTable(Map<String, Comparison> worst) {
        StringBuilder b = new StringBuilder();
        worst.values().forEach(c -> b.append(c.summary()).append('\n'));
        return b.toString();
    }

    private static String extension(String mime) {
        return switch (mime) {
            case "image/png" -> ".png";
            case "text/html" -> ".html";
            case "text/csv" -> ".csv";
            case "application/json" -> ".json";
            default -> ".txt";
        };
    }

    /** One case as a step: a parameter per compared quantity, failed when any is outside the rule. */
    private static void step(Evidence.Case c) {
        StepResult step = new StepResult().setName(c.description())
                .setStatus(c.passed() ? Status.PASSED : Status.FAILED);
        for (Comparison cmp : c.comparisons()) {
            step.getParameters().add(new Parameter().setName(cmp.what()).setValue(cmp.problem() != null ? cmp.problem()
                    : String.format(Locale.ROOT, "abs %.2e · rel %.2e · ULP %.1f/%.0f%s", cmp.maxAbs(), cmp.maxRel(),
                            cmp.maxUlp(), cmp.ulpBudget(), cmp.passed() ? "" : " · " + cmp.failures() + " outside")));
        }
        String uuid = UUID.randomUUID().toString();
        Allure.getLifecycle().startStep(uuid, step);
        Allure.getLifecycle().stopStep(uuid);
    }
}
