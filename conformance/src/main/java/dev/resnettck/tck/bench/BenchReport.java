package dev.resnettck.tck.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The benchmark's outputs: bench.json, bench.md (the table) and bench.png (speed ratios, log scale). */
final class BenchReport {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private BenchReport() {
    }

    static void write(Path dir, List<BenchRow> rows, Map<String, String> about) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>(about);
        List<Map<String, Object>> out = new ArrayList<>();
        for (BenchRow r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", r.name());
            row.put("gflop", r.flops() / 1e9);
            r.millis().forEach((k, v) -> {
                row.put(k + "_ms", v[0]);
                row.put(k + "_ms_error", Double.isNaN(v[1]) ? null : v[1]);
                row.put(k + "_gflops", r.gflops(k));
            });
            double[] vsTorch = r.speedup("torch");
            double[] vsPlain = r.speedup("plain");
            if (vsTorch != null) {
                row.put("fast_vs_torch", vsTorch[0]);
                row.put("fast_vs_torch_spread", vsTorch[1]);
            }
            if (vsPlain != null) {
                row.put("fast_vs_plain", vsPlain[0]);
            }
            out.add(row);
        }
        json.put("rows", out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("bench.json").toFile(), json);
        Files.writeString(dir.resolve("bench.md"), markdown(rows, about));
        chart(rows, dir.resolve("bench.png"));
    }

    static String markdown(List<BenchRow> rows, Map<String, String> about) {
        StringBuilder b = new StringBuilder();
        about.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        b.append("\n| operation | GFLOP | fast ms | torch ms | plain ms | fast GFLOP/s | fast / torch | fast / plain |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (BenchRow r : rows) {
            double[] t = r.speedup("torch");
            double[] p = r.speedup("plain");
            b.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %s | %s | %.1f | %s | %s |%n", r.name(), r.flops() / 1e9,
                    ms(r, "fast"), ms(r, "torch"), ms(r, "plain"), r.gflops("fast"),
                    t == null ? "" : String.format(Locale.ROOT, "%.2f ± %.2f", t[0], t[1]),
                    p == null ? "" : String.format(Locale.ROOT, "%.1f", p[0])));
        }
        return b.toString();
    }

    private static String ms(BenchRow r, String who) {
        double[] t = r.millis().get(who);
        return t == null ? "" : String.format(Locale.ROOT, "%.2f", t[0]);
    }

    private static void chart(List<BenchRow> rows, Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 40 * rows.size())).height(650)
                .title("speed of the fast kernels relative to libtorch and to the plain kernels (above 1: faster)")
                .yAxisTitle("times faster (log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLabelRotation(70);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (String other : List.of("torch", "plain")) {
            List<String> names = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (BenchRow r : rows) {
                double[] s = r.speedup(other);
                if (s != null) {
                    names.add(r.name());
                    values.add(s[0]);
                }
            }
            if (!names.isEmpty()) {
                chart.addSeries("fast vs " + other, names, values);
            }
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
