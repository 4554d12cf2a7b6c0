package dev.resnettck.tck.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a benchmark's figures can be trusted: a machine busy with other work (load average above
 * its cores) hits the contestants unequally (libtorch's threads harder), and a large spread between
 * rounds means the conditions changed during the run.
 */
final class Conditions {
    /** A row whose rounds differ by more than this share of its mean is unstable. */
    static final double MAX_SPREAD = 0.15;

    private Conditions() {
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** "trusted ..." or "NOT TRUSTED: ..." with every reason. */
    static String verdict(double loadBefore, double loadAfter, List<BenchRow> rows) {
        List<String> problems = new ArrayList<>();
        double load = Math.max(loadBefore, loadAfter);
        if (load > cores()) {
            problems.add(String.format(Locale.ROOT, "load average %.2f above the %d cores (before %.2f, after %.2f): "
                    + "other work competed for the CPU", load, cores(), loadBefore, loadAfter));
        }
        List<String> unstable = new ArrayList<>();
        for (BenchRow r : rows) {
            r.millis().forEach((impl, t) -> {
                if (t[1] / t[0] > MAX_SPREAD) {
                    unstable.add(String.format(Locale.ROOT, "%s / %s +-%.0f%%", r.name(), impl, 100 * t[1] / t[0]));
                }
            });
        }
        if (!unstable.isEmpty()) {
            problems.add(unstable.size() + " figure(s) differ between rounds by more than " + (int) (100 * MAX_SPREAD)
                    + "% of their mean: " + String.join("; ", unstable.subList(0, Math.min(6, unstable.size())))
                    + (unstable.size() > 6 ? "; ..." : ""));
        }
        String load0 = String.format(Locale.ROOT, "load average %.2f before, %.2f after, %d cores", loadBefore, loadAfter,
                cores());
        return problems.isEmpty() ? "trusted: " + load0 + ", every figure within " + (int) (100 * MAX_SPREAD)
                + "% between rounds" : "NOT TRUSTED: " + String.join("; ", problems);
    }
}
