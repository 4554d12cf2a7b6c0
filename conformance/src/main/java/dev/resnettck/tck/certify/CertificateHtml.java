package dev.resnettck.tck.certify;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The certificate as one self-contained HTML page. */
final class CertificateHtml {
    private CertificateHtml() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> c) {
        Map<String, Object> impl = (Map<String, Object>) c.get("implementation");
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>resnet-tck certificate: ")
                .append(esc(impl.get("name"))).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px}")
                .append("table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 6px;")
                .append("text-align:left;vertical-align:top;font-size:13px}th{background:#f3f3f3}")
                .append(".PASS{background:#e6f6e6}.FAIL,.ERROR{background:#fde2e2}.NA{background:#f3f3f3}")
                .append(".result{font-size:28px;font-weight:bold}.ok{color:#1a7f1a}.bad{color:#b00}")
                .append("</style></head><body>");
        boolean certified = "CERTIFIED".equals(c.get("result"));
        b.append("<h1>resnet-tck conformance certificate</h1><p class=\"result ").append(certified ? "ok" : "bad")
                .append("\">").append(esc(c.get("result"))).append("</p>");
        b.append("<table>");
        row(b, "Implementation", impl.get("name") + " " + impl.get("version") + " &mdash; " + esc(impl.get("description")));
        row(b, "Configuration", esc(impl.get("configuration")));
        row(b, "Suite", esc(c.get("suite")));
        ((Map<String, Object>) c.get("environment")).forEach((k, v) -> row(b, esc(k), esc(v)));
        row(b, "Pass rule", esc(c.get("tolerance")));
        row(b, "Oracle", esc(c.get("oracle")));
        row(b, "Seed", esc(c.get("seed")));
        row(b, "Started", esc(c.get("started")) + " (" + c.get("durationSeconds") + " s)");
        row(b, "Summary", esc(c.get("summary")));
        row(b, "Required failures", esc(c.get("requiredFailures")));
        b.append("</table><h2>Rules</h2><table><tr><th>Rule</th><th>Level</th><th>Verdict</th><th>Cases</th>")
                .append("<th>max abs</th><th>max rel</th><th>max ULP / budget</th><th>Detail</th></tr>");
        for (Map<String, Object> r : (List<Map<String, Object>>) c.get("rules")) {
            String verdict = String.valueOf(r.get("verdict"));
            String css = verdict.startsWith("NOT") ? "NA" : verdict;
            b.append("<tr class=\"").append(css).append("\"><td><b>").append(esc(r.get("id"))).append("</b><br>")
                    .append(esc(r.get("title"))).append("</td><td>").append(esc(r.get("level"))).append("</td><td>")
                    .append(esc(verdict)).append("</td><td>").append(esc(r.get("cases"))).append("</td><td>")
                    .append(num(r.get("maxAbs"))).append("</td><td>").append(num(r.get("maxRel"))).append("</td><td>")
                    .append(r.containsKey("maxUlp") ? String.format(Locale.ROOT, "%.1f / %.0f", r.get("maxUlp"),
                            r.get("ulpBudget")) : "").append("</td><td>").append(esc(r.get("detail")));
            if (r.containsKey("replay")) {
                b.append("<br><code>").append(esc(r.get("replay"))).append("</code>");
            }
            b.append("</td></tr>");
        }
        return b.append("</table></body></html>\n").toString();
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append("<tr><th>").append(key).append("</th><td>").append(value).append("</td></tr>");
    }

    private static String num(Object o) {
        return o instanceof Double d ? String.format(Locale.ROOT, "%.2e", d) : "";
    }

    static String esc(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
