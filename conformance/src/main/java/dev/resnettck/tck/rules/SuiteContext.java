package dev.resnettck.tck.rules;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Settings shared by every check of one run.
 *
 * @param seed   the run's seed; each rule derives its own from it and its id, and
 *               {@code -Dtck.seed.<RULE-ID>=<n>} replays one rule with the seed its failure printed
 * @param effort scales the number of generated cases (1 = full suite, smaller for a quick run)
 * @param root   the project root: golden-data/ and reports/ are found under it
 */
public record SuiteContext(long seed, double effort, Path root) {

    public static final long DEFAULT_SEED = 20261127L;

    /** From system properties: {@code tck.seed}, {@code tck.effort}, {@code tck.root}. */
    public static SuiteContext fromSystemProperties() {
        long seed = Long.getLong("tck.seed", DEFAULT_SEED);
        double effort = Double.parseDouble(System.getProperty("tck.effort", "1"));
        return new SuiteContext(seed, effort, findRoot());
    }

    /** The rule's seed: replayed from {@code tck.seed.<id>} when set, else derived from the run seed. */
    public long seedFor(String ruleId) {
        Long replay = Long.getLong("tck.seed." + ruleId);
        if (replay != null) {
            return replay;
        }
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (char ch : ruleId.toCharArray()) {
            h = (h ^ ch) * 0x100000001B3L;
        }
        return h ^ (h >>> 29);
    }

    public int examples(int full) {
        return Math.max(1, (int) Math.round(full * effort));
    }

    public Path goldenDir() {
        return root.resolve("golden-data");
    }

    public Path reportsDir() {
        return root.resolve("reports");
    }

    /** {@code tck.root} if set, else the nearest directory upwards holding golden-data/, else the working directory. */
    static Path findRoot() {
        String configured = System.getProperty("tck.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("golden-data"))) {
                return p;
            }
        }
        return dir;
    }
}
