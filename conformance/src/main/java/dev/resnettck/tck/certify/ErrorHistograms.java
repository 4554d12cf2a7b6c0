package dev.resnettck.tck.certify;

import dev.resnettck.tck.training.Plots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two histograms over a certificate's rules, for the page: the worst error of each rule in units in
 * the last place of float32 (how far from correctly rounded), and how much of its float32 bound each
 * rule that missed the strict level used (how close to failing).
 */
final class ErrorHistograms {
    private static final String[] ULP_BINS = {"0", "1", "2-3", "4-15", "16-255", "256-4095", ">= 4096"};
    private static final String[] BOUND_BINS = {"strict", "< 1/64", "1/64 - 1/8", "1/8 - 1/2", "1/2 - 1", "> 1 (fails)"};

    private ErrorHistograms() {
    }

    /** File name (under plots/) to PNG bytes; empty when no rule compared tensors. */
    static Map<String, byte[]> of(List<Map<String, Object>> rules) {
        int[] ulps = new int[ULP_BINS.length];
        int[] bound = new int[BOUND_BINS.length];
        int compared = 0;
        for (Map<String, Object> r : rules) {
            if (!(r.get("maxUlp") instanceof Number u) || !(r.get("strict") instanceof Boolean strict)) {
                continue;
            }
            compared++;
            ulps[ulpBin(u.doubleValue())]++;
            double ratio = r.get("float32Bound") instanceof Map<?, ?> f && f.get("ratio") instanceof Number n
                    ? n.doubleValue() : Double.POSITIVE_INFINITY;
            bound[strict ? 0 : boundBin(ratio)]++;
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (compared == 0) {
            return out;
        }
        out.put("plots/errors-ulp.png", Plots.bars("worst error per rule, in float32 ulps of the expected value",
                "ulps", "rules", List.of(ULP_BINS), counts(ulps)));
        out.put("plots/errors-float32-bound.png", Plots.bars("share of the float32 bound used (rules off the strict level)",
                "worst tensor's error / its float32 bound", "rules", List.of(BOUND_BINS), counts(bound)));
        return out;
    }

    private static int ulpBin(double u) {
        if (u == 0) {
            return 0;
        }
        double[] upper = {1, 3, 15, 255, 4095};
        for (int i = 0; i < upper.length; i++) {
            if (u <= upper[i]) {
                return i + 1;
            }
        }
        return ULP_BINS.length - 1;
    }

    private static int boundBin(double ratio) {
        double[] upper = {1.0 / 64, 1.0 / 8, 0.5, 1};
        for (int i = 0; i < upper.length; i++) {
            if (ratio < upper[i] || (i == upper.length - 1 && ratio <= 1)) {
                return i + 1;
            }
        }
        return BOUND_BINS.length - 1;
    }

    private static List<Integer> counts(int[] c) {
        List<Integer> out = new ArrayList<>();
        for (int v : c) {
            out.add(v);
        }
        return out;
    }
}
