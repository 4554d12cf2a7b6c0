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

    static void write(Path dir, List<BenchRow> rows, Map<String, String> about, Float32Peak peak) throws IOException {
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
                row.put(k + "_share_of_float32_peak", peak.share(r.gflops(k)));
            });
            double[] vsTorch = r.speedup("torch");
            double[] vsPlain = r.speedup("plain");
            if (vsTorch != null) {
                row.put("fast_vs_torch", vsTorch[0]);
                row.put("fast_vs_torch_spread", Double.isNaN(vsTorch[1]) ? null : vsTorch[1]);
            }
            if (vsPlain != null) {
                row.put("fast_vs_plain", vsPlain[0]);
            }
            for (String c : List.of("opencl", "opencl-fast-math")) {
                double[] s = r.speedup(c, "torch");
                if (s != null) {
                    row.put(c + "_vs_torch", s[0]);
                }
            }
            out.add(row);
        }
        json.put("float32_peak_gflops", peak.gflops());
        json.put("clock_ghz", peak.clockGhz());
        json.put("rows", out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("bench.json").toFile(), json);
        Files.writeString(dir.resolve("bench.md"), markdown(rows, about, peak));
        chart(rows, dir.resolve("bench.png"));
    }

    /** Contestants in column order; the ratios shown are each one's speed relative to torch, and fast's to plain. */
    static final List<String> CONTESTANTS = List.of("fast", "torch", "fast-float64", "plain", "opencl", "opencl-fast-math");

    static String markdown(List<BenchRow> rows, Map<String, String> about, Float32Peak peak) {
        List<String> present = CONTESTANTS.stream()
                .filter(c -> rows.stream().anyMatch(r -> r.millis().containsKey(c))).toList();
        List<String> vsTorch = present.stream().filter(c -> !c.equals("torch") && !c.equals("plain")).toList();
        StringBuilder b = new StringBuilder();
        about.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        b.append("\n| operation | GFLOP |");
        present.forEach(c -> b.append(' ').append(c).append(" ms |"));
        b.append(" fast GFLOP/s | fast % of peak | torch % of peak |");
        vsTorch.forEach(c -> b.append(' ').append(c).append(" / torch |"));
        boolean plain = present.contains("plain");
        b.append(plain ? " fast / plain |\n| --- |" : "\n| --- |");
        b.append(" ---: |".repeat(2 + present.size() + 2 + vsTorch.size() + (plain ? 1 : 0))).append('\n');
        for (BenchRow r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %.2f |", r.name(), r.flops() / 1e9));
            present.forEach(c -> b.append(' ').append(ms(r, c)).append(" |"));
            b.append(String.format(Locale.ROOT, " %.1f | %s | %s |", r.gflops("fast"), percent(peak, r.gflops("fast")),
                    percent(peak, r.gflops("torch"))));
            vsTorch.forEach(c -> {
                double[] t = r.speedup(c, "torch");
                b.append(' ').append(t == null ? "" : Double.isNaN(t[1]) ? String.format(Locale.ROOT, "%.2f", t[0])
                        : String.format(Locale.ROOT, "%.2f ± %.2f", t[0], t[1])).append(" |");
            });
            double[] p = r.speedup("plain");
            if (plain) {
                b.append(' ').append(p == null ? "" : String.format(Locale.ROOT, "%.1f", p[0])).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String percent(Float32Peak peak, double gflops) {
        return Double.isNaN(gflops) ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * peak.share(gflops));
    }

    private static String ms(BenchRow r, String who) {
        double[] t = r.millis().get(who);
        return t == null ? "" : String.format(Locale.ROOT, "%.2f", t[0]);
    }

    /**
     * Speed relative to libtorch of each contestant measured on every row that has a libtorch figure
     * (XChart's category series must align; a row whose libtorch fork crashed has no ratio to draw).
     */
    static void chart(List<BenchRow> all, Path file) throws IOException {
        List<BenchRow> rows = all.stream().filter(r -> r.speedup("fast", "torch") != null).toList();
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 40 * rows.size())).height(650)
                .title("speed relative to libtorch (above 1: faster than libtorch)")
                .yAxisTitle("times faster than libtorch (log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLabelRotation(70);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        List<String> names = rows.stream().map(BenchRow::name).toList();
        double smallest = Double.POSITIVE_INFINITY;
        for (String contestant : CONTESTANTS) {
            List<Double> values = new ArrayList<>();
            for (BenchRow r : rows) {
                double[] s = r.speedup(contestant, "torch");
                if (s != null) {
                    values.add(s[0]);
                }
            }
            if (!contestant.equals("torch") && values.size() == rows.size()) {
                chart.addSeries(contestant, names, values);
                smallest = Math.min(smallest, values.stream().mapToDouble(Double::doubleValue).min().orElse(1));
            }
        }
        // bars grow from the axis minimum, which a log axis needs explicitly (XChart refuses otherwise)
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(Math.min(smallest, 1)))));
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
