package dev.resnettck.tck.certify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.compare.Tolerance;
import dev.resnettck.tck.rules.Evidence;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.spi.TckImplementation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a certification as {@code certificate.json} and a readable {@code certificate.html}. */
public final class CertificateWriter {
    /** How the suite computes expected values; stated on every certificate. */
    public static final String ORACLE = "PyTorch (libtorch through DJL's PyTorch engine) in float64 on the same float32 "
            + "inputs and weights, live; or frozen golden outputs produced the same way";

    private CertificateWriter() {
    }

    /** Writes both files into {@code dir} and returns the JSON's path. */
    public static Path write(Certification c, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = toMap(c);
        writePlots(c, dir, json);
        writeErrorHistograms(dir, json);
        Path jsonFile = dir.resolve("certificate.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), json);
        Files.writeString(dir.resolve("certificate.html"), CertificateHtml.render(json));
        return jsonFile;
    }

    /** Every PNG a rule attached (gate curves, confusion matrix, loss curves) next to the certificate, listed per rule. */
    @SuppressWarnings("unchecked")
    private static void writePlots(Certification c, Path dir, Map<String, Object> json) throws IOException {
        List<Map<String, Object>> rules = (List<Map<String, Object>>) json.get("rules");
        for (int i = 0; i < c.verdicts().size(); i++) {
            RuleVerdict rv = c.verdicts().get(i);
            List<String> plots = new ArrayList<>();
            for (Evidence.Attachment a : rv.verdict().evidence().attachments()) {
                if (a.mimeType().equals("image/png")) {
                    String file = "plots/" + rv.rule().id() + "-" + a.name().replaceAll("[^A-Za-z0-9._-]+", "-") + ".png";
                    Files.createDirectories(dir.resolve("plots"));
                    Files.write(dir.resolve(file), a.content());
                    plots.add(file);
                }
            }
            if (!plots.isEmpty()) {
                rules.get(i).put("plots", plots);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void writeErrorHistograms(Path dir, Map<String, Object> json) throws IOException {
        Map<String, byte[]> plots = ErrorHistograms.of((List<Map<String, Object>>) json.get("rules"));
        for (Map.Entry<String, byte[]> p : plots.entrySet()) {
            Files.createDirectories(dir.resolve("plots"));
            Files.write(dir.resolve(p.getKey()), p.getValue());
        }
        json.put("errorHistograms", List.copyOf(plots.keySet()));
    }

    static Map<String, Object> toMap(Certification c) {
        TckImplementation impl = c.implementation();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("certificate", "resnet-tck conformance certificate");
        m.put("result", c.result());
        Map<String, Object> implementation = new LinkedHashMap<>();
        implementation.put("name", impl.name());
        implementation.put("version", impl.version());
        implementation.put("description", impl.description());
        implementation.put("configuration", impl.configuration());
        m.put("implementation", implementation);
        m.put("suite", Map.of("version", SuiteIdentity.version(), "jar", SuiteIdentity.jarDigest()));
        m.put("environment", Environment.describe());
        m.put("tolerance", Map.of(
                "strict", Tolerance.DEFAULT + " elementwise against the correctly rounded oracle",
                "certifying", Tolerance.certifyingRule(),
                "float32Factor", Tolerance.FLOAT32_FACTOR,
                "appliesTo", "outputs, gradients, updated running statistics, and parameters after each optimizer step taken from the implementation's own state"));
        m.put("strict", c.strictLine());
        m.put("oracle", ORACLE);
        m.put("seed", c.seed());
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("rules", c.scope().rules());
        scope.put("rulesRun", c.verdicts().size());
        scope.put("suiteRules", c.scope().suiteRules());
        scope.put("effort", c.scope().effort());
        scope.put("referencePresent", c.scope().referencePresent());
        scope.put("complete", c.complete());
        scope.put("gaps", c.gaps());
        m.put("scope", scope);
        m.put("started", c.started().toString());
        m.put("durationSeconds", c.took().toMillis() / 1000.0);
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String label : List.of("PASS", "FAIL", "ERROR", "NOT APPLICABLE", "NOT RUN")) {
            summary.put(label, c.count(label));
        }
        m.put("summary", summary);
        m.put("requiredFailures", c.requiredFailures().stream().map(v -> v.rule().id()).toList());
        List<Map<String, Object>> rules = new ArrayList<>();
        for (RuleVerdict rv : c.verdicts()) {
            rules.add(rule(rv));
        }
        m.put("rules", rules);
        return m;
    }

    private static Map<String, Object> rule(RuleVerdict rv) {
        Map<String, Object> r = new LinkedHashMap<>();
        Verdict v = rv.verdict();
        r.put("id", rv.rule().id());
        r.put("level", rv.rule().level().name());
        r.put("group", rv.rule().group());
        r.put("title", rv.rule().title());
        r.put("verdict", v.label());
        r.put("detail", v.detail());
        Evidence e = v.evidence();
        r.put("cases", e.casesRun());
        if (!Double.isNaN(rv.seconds())) {
            r.put("seconds", Math.round(rv.seconds() * 10) / 10.0);
        }
        if (!e.worst().isEmpty()) {
            double[] errors = e.maxErrors();
            r.put("maxAbs", errors[0]);
            r.put("maxRel", errors[1]);
            r.put("maxUlp", errors[2]);
            r.put("ulpBudget", e.worst().values().stream().mapToDouble(Comparison::ulpBudget).max().orElse(0));
        }
        if (v instanceof Verdict.Pass || v instanceof Verdict.Fail) {
            r.put("strict", e.strict());
        }
        e.tightest().ifPresent(t -> {
            Map<String, Object> f32 = new LinkedHashMap<>();
            f32.put("tensor", t.what());
            f32.put("maxAbs", t.maxAbs());
            f32.put("bound", t.bound());
            f32.put("ratio", t.boundRatio());
            r.put("float32Bound", f32);
        });
        if (!e.strict()) {
            r.put("neededFactor", e.neededFactor());
        }
        if (v instanceof Verdict.Fail f && !f.replay().isEmpty()) {
            r.put("replay", f.replay());
        }
        if (v instanceof Verdict.Error err && !err.replay().isEmpty()) {
            r.put("replay", err.replay());
        }
        if (!e.facts().isEmpty()) {
            r.put("facts", e.facts());
        }
        return r;
    }
}
