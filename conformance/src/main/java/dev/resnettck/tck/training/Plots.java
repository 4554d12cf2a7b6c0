package dev.resnettck.tck.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/** The training plots the report attaches, as PNG bytes (XChart, headless). */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /** One or more curves over steps or epochs; series are (name, values) pairs with values indexed from {@code firstX}. */
    public static byte[] lines(String title, String xTitle, String yTitle, int firstX, List<String> names,
                               List<List<Double>> series) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        for (int i = 0; i < names.size(); i++) {
            List<Double> y = series.get(i);
            List<Integer> x = new ArrayList<>();
            for (int k = 0; k < y.size(); k++) {
                x.add(firstX + k);
            }
            chart.addSeries(names.get(i), x, y);
        }
        return png(chart);
    }

    /** A histogram: one bar per category, in the given order. */
    public static byte[] bars(String title, String xTitle, String yTitle, List<String> categories, List<Integer> counts) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(420).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.addSeries("rules", categories, counts);
        return png(chart);
    }

    /** A confusion matrix: rows true classes, columns predictions, cells counts. */
    public static byte[] confusion(String title, int[][] counts, String[] classes) {
        HeatMapChart chart = new HeatMapChartBuilder().width(900).height(800).title(title).build();
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            idx.add(i);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts[t].length; p++) {
                cells.add(new Number[] {p, t, counts[t][p]});
            }
        }
        chart.getStyler().setShowValue(true);
        chart.setXAxisTitle("predicted class (0 " + classes[0] + " ... 9 " + classes[9] + ")");
        chart.setYAxisTitle("true class (0 at the bottom)");
        chart.addSeries("counts", idx, idx, cells);
        return png(chart);
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
