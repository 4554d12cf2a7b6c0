package dev.resnettck.tck.suite;

import dev.resnettck.tck.certify.RuleVerdict;
import dev.resnettck.tck.compare.Comparison;
import dev.resnettck.tck.rules.Evidence;
import java.util.List;
import java.util.Locale;

/** One HTML table: every rule with its verdict and worst errors, so each layer's headroom shows at a glance. */
final class SummaryTable {
    private SummaryTable() {
    }

    static String html(List<RuleVerdict> verdicts) {
        StringBuilder b = new StringBuilder("<html><head><meta charset=\"utf-8\"><style>")
                .append("td,th{border:1px solid #ccc;padding:3px 6px;font:12px sans-serif}table{border-collapse:collapse}")
                .append("</style></head><body><table><tr><th>rule</th><th>verdict</th><th>cases</th><th>max abs</th>")
                .append("<th>max rel</th><th>max ULP</th><th>ULP budget</th></tr>");
        for (RuleVerdict rv : verdicts) {
            Evidence e = rv.verdict().evidence();
            b.append("<tr><td>").append(rv.rule().id()).append("</td><td>").append(rv.verdict().label())
                    .append("</td><td>").append(e.casesRun()).append("</td>");
            if (e.worst().isEmpty()) {
                b.append("<td colspan=\"4\"></td>");
            } else {
                double[] m = e.maxErrors();
                double budget = e.worst().values().stream().mapToDouble(Comparison::ulpBudget).max().orElse(0);
                b.append(String.format(Locale.ROOT, "<td>%.2e</td><td>%.2e</td><td>%.1f</td><td>%.0f</td>", m[0], m[1],
                        m[2], budget));
            }
            b.append("</tr>");
        }
        return b.append("</table></body></html>").toString();
    }
}
