package dev.resnettck.tck.certify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The certificate as one self-contained HTML page: a verdict banner with the counts and the strict
 * level beside it, the run's identity as plain tables, then one table per rule group with failures
 * first (each with its replay command), and a link to the JSON.
 */
final class CertificateHtml {
    private CertificateHtml() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> c) {
        Map<String, Object> impl = (Map<String, Object>) c.get("implementation");
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>resnet-tck certificate: ")
                .append(esc(impl.get("name"))).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1300px}")
                .append("table{border-collapse:collapse;width:100%;margin-bottom:1.5em}td,th{border:1px solid #ccc;")
                .append("padding:4px 6px;text-align:left;vertical-align:top;font-size:13px}th{background:#f3f3f3}")
                .append(".PASS{background:#e6f6e6}.FAIL,.ERROR{background:#fde2e2}.NA{background:#f3f3f3}")
                .append(".banner{padding:1em 1.2em;border-radius:6px;margin-bottom:1em}")
                .append(".banner.ok{background:#e6f6e6;border:2px solid #1a7f1a}")
                .append(".banner.bad{background:#fde2e2;border:2px solid #b00}")
                .append(".result{font-size:28px;font-weight:bold}.counts{font-size:16px;margin-top:.3em}")
                .append("code{font-size:12px}</style></head><body>");
        boolean certified = "CERTIFIED".equals(c.get("result"));
        b.append("<h1>resnet-tck conformance certificate: ").append(esc(impl.get("name"))).append("</h1>");
        b.append("<div class=\"banner ").append(certified ? "ok" : "bad").append("\"><div class=\"result\" id=\"result\">")
                .append(esc(c.get("result"))).append("</div><div class=\"counts\" id=\"counts\">")
                .append(counts((Map<String, Object>) c.get("summary"))).append("</div><div class=\"counts\" id=\"strict\">")
                .append(esc(c.get("strict"))).append("</div>");
        List<?> failures = (List<?>) c.get("requiredFailures");
        if (!failures.isEmpty()) {
            b.append("<div class=\"counts\">Required rules that failed: ").append(esc(String.join(", ",
                    failures.stream().map(String::valueOf).toList()))).append("</div>");
        }
        b.append("<div class=\"counts\"><a href=\"certificate.json\">certificate.json</a></div></div>");

        Object scope = c.get("scope");
        b.append("<h2>Run</h2><table>");
        if (scope instanceof Map<?, ?> sc) {
            row(b, "Scope", keyValues((Map<String, Object>) sc));
        }
        row(b, "Implementation", esc(impl.get("name")) + " " + esc(impl.get("version")) + " &mdash; "
                + esc(impl.get("description")));
        row(b, "Configuration", keyValues((Map<String, Object>) impl.get("configuration")));
        row(b, "Suite", keyValues((Map<String, Object>) c.get("suite")));
        row(b, "Environment", keyValues((Map<String, Object>) c.get("environment")));
        row(b, "Pass rule", keyValues((Map<String, Object>) c.get("tolerance")));
        row(b, "Oracle", esc(c.get("oracle")));
        row(b, "Seed", esc(c.get("seed")));
        row(b, "Started", esc(c.get("started")) + " (" + c.get("durationSeconds") + " s)");
        b.append("</table>");
        List<?> histograms = (List<?>) c.getOrDefault("errorHistograms", List.of());
        if (!histograms.isEmpty()) {
            b.append("<h2 id=\"errors\">Errors over the rules</h2>");
            for (Object plot : histograms) {
                b.append("<img alt=\"").append(esc(plot)).append("\" src=\"").append(esc(plot)).append("\"><br>");
            }
        }

        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) c.get("rules")) {
            groups.computeIfAbsent(String.valueOf(r.get("group")), g -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<Map<String, Object>>> g : groups.entrySet()) {
            List<Map<String, Object>> rules = new ArrayList<>(g.getValue());
            rules.sort((x, y) -> Integer.compare(rank(x), rank(y)));
            b.append("<h2>").append(esc(g.getKey())).append(" (").append(rules.size()).append(" rules)</h2>")
                    .append("<table><tr><th>Rule</th><th>Level</th><th>Verdict</th><th>Strict</th><th>Cases</th>")
                    .append("<th>max abs</th><th>max rel</th><th>float32 bound (tensor): error / bound = ratio</th>")
                    .append("<th>Detail</th></tr>");
            for (Map<String, Object> r : rules) {
                String verdict = String.valueOf(r.get("verdict"));
                String css = verdict.startsWith("NOT") ? "NA" : verdict;
                b.append("<tr class=\"").append(css).append("\"><td><b>").append(esc(r.get("id"))).append("</b><br>")
                        .append(esc(r.get("title"))).append("</td><td>").append(esc(r.get("level"))).append("</td><td>")
                        .append(esc(verdict)).append("</td><td>").append(strict(r.get("strict"))).append("</td><td>")
                        .append(esc(r.getOrDefault("cases", ""))).append(r.containsKey("seconds") ? " in " + r.get("seconds")
                                + " s" : "").append("</td><td>").append(num(r.get("maxAbs")))
                        .append("</td><td>").append(num(r.get("maxRel"))).append("</td><td>")
                        .append(bound((Map<String, Object>) r.get("float32Bound"))).append("</td><td>")
                        .append(esc(r.get("detail")));
                if (r.containsKey("replay")) {
                    b.append("<br>replay: <code>").append(esc(r.get("replay"))).append("</code>");
                }
                for (Object plot : (List<Object>) r.getOrDefault("plots", List.of())) {
                    b.append("<br><img alt=\"").append(esc(plot)).append("\" src=\"").append(esc(plot))
                            .append("\" style=\"max-width:560px\">");
                }
                b.append("</td></tr>");
            }
            b.append("</table>");
        }
        return b.append("</body></html>\n").toString();
    }

    /** Failures and errors first, then passes, then what did not run. */
    private static int rank(Map<String, Object> r) {
        return switch (String.valueOf(r.get("verdict"))) {
            case "FAIL", "ERROR" -> 0;
            case "PASS" -> 1;
            default -> 2;
        };
    }

    private static String counts(Map<String, Object> summary) {
        List<String> parts = new ArrayList<>();
        summary.forEach((label, n) -> parts.add(n + " " + label.toLowerCase(Locale.ROOT)));
        return esc(String.join(" · ", parts));
    }

    private static String strict(Object o) {
        return o == null ? "" : Boolean.TRUE.equals(o) ? "yes" : "no";
    }

    private static String bound(Map<String, Object> f) {
        if (f == null) {
            return "";
        }
        return esc(f.get("tensor")) + ": " + num(f.get("maxAbs")) + " / " + num(f.get("bound")) + " = "
                + String.format(Locale.ROOT, "%.2f", ((Number) f.get("ratio")).doubleValue());
    }

    @SuppressWarnings("unchecked")
    private static String keyValues(Map<String, Object> m) {
        if (m == null || m.isEmpty()) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append("<div><b>").append(esc(k)).append("</b>: ").append(v instanceof Map<?, ?> inner
                ? keyValues((Map<String, Object>) inner) : v instanceof Collection<?> list
                ? esc(String.join(", ", list.stream().map(String::valueOf).toList())) : esc(v)).append("</div>"));
        return b.toString();
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append("<tr><th>").append(key).append("</th><td>").append(value).append("</td></tr>");
    }

    private static String num(Object o) {
        return o instanceof Number d ? String.format(Locale.ROOT, "%.2e", d.doubleValue()) : "";
    }

    static String esc(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
