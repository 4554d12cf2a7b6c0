package dev.resnettck.tck.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.io.SafeTensors;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.suite.AllureVerdicts;
import dev.resnettck.tensor.Tensor;
import io.qameta.allure.Allure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed golden data is what the generator produces now: every set regenerated from the
 * live reference into a scratch folder and compared with golden-data/ (inputs and states exactly;
 * expected values to within one float32 ulp, as float64 summation order may move a rounding).
 */
class GoldenDriftIT {
    @TempDir
    Path scratch;

    @Test
    void committedGoldenDataMatchesTheGenerator() throws IOException {
        AllureVerdicts.suites("golden data", "drift", null);
        Path committed = SuiteContext.fromSystemProperties().goldenDir();
        List<String> problems = new ArrayList<>();
        int sets = regenerateAndCompare(committed, scratch.resolve("golden-data"), problems);
        List<String> first = problems;
        AtomicInteger regenerations = new AtomicInteger(1);
        problems = confirmed(problems, () -> {
            if (regenerations.get() == 1) {
                Allure.addAttachment("float32 noise moved in regeneration 1", "text/plain", String.join("\n", first), ".txt");
            }
            int regeneration = regenerations.incrementAndGet();
            List<String> again = new ArrayList<>();
            regenerateAndCompare(committed, scratch.resolve("golden-data-again-" + regeneration), again);
            Allure.addAttachment("moved in regeneration " + regeneration, "text/plain", String.join("\n", again), ".txt");
            return again;
        });
        Allure.parameter("sets compared", sets);
        Allure.parameter("problems", problems.size());
        assertTrue(sets >= 20, "expected every golden set to be regenerated, got " + sets);
        assertEquals(List.of(), problems, "golden data drifted from the generator: run ./tck golden and review the diff");
    }

    /** Regenerations that may confirm moved noise: an entry stands only if it moved in every one. */
    static final int CONFIRMATIONS = 2;

    /**
     * The drift that stands: any problem other than float32 noise stands at once; when only noise
     * entries moved, up to {@link #CONFIRMATIONS} more regenerations are made, and an entry stands only
     * if it moved in each of them. libtorch's float32 on some CPUs now and then computes a wrong value
     * (README, Float32Runs: an input gradient of 0.0 where float64 gives 0.038; 2026-12-04, a noise
     * entry of 0.0082 where the committed one is 1.2e-6), which a later run does not repeat; once, the
     * same evening, the second regeneration in the same JVM repeated it (BLOCK-BASIC case 05, every
     * gradient's noise 4.6e-4 where the committed ones are 2.6e-6 and below), so one confirmation was
     * not enough.
     */
    static List<String> confirmed(List<String> problems, IoSupplier<List<String>> regenerateAgain) throws IOException {
        if (!problems.stream().allMatch(p -> p.contains("/float32-noise/"))) {
            return problems; // later passes only drop noise entries, so this is the only pass that can find other drift
        }
        List<String> standing = problems;
        for (int run = 0; run < CONFIRMATIONS && !standing.isEmpty(); run++) {
            List<String> movedAgain = regenerateAgain.get().stream().map(GoldenDriftIT::where).toList();
            standing = standing.stream().filter(p -> movedAgain.contains(where(p))).toList();
        }
        return standing;
    }

    /** A further regeneration, which reads and writes files. */
    @FunctionalInterface
    interface IoSupplier<T> {
        T get() throws IOException;
    }

    /** The file, tensor and index a problem names, without the values. */
    private static String where(String problem) {
        int values = problem.indexOf(": committed ");
        return values < 0 ? problem : problem.substring(0, values);
    }

    /** Regenerates every golden set into {@code fresh}, compares it with the committed one; the number of sets. */
    private static int regenerateAndCompare(Path committed, Path fresh, List<String> problems) throws IOException {
        Files.createDirectories(fresh.resolve("images"));
        for (String photo : List.of("chelsea.png", "coffee.png")) {
            Files.copy(committed.resolve("images").resolve(photo), fresh.resolve("images").resolve(photo));
        }
        GoldenGenerator.generate(fresh, line -> { });
        int sets = 0;
        for (String group : List.of("layers", "loss", "blocks", "models")) {
            try (Stream<Path> files = Files.list(fresh.resolve(group))) {
                for (Path regenerated : files.filter(f -> f.toString().endsWith(".safetensors")).toList()) {
                    sets++;
                    Path old = committed.resolve(group).resolve(regenerated.getFileName());
                    if (!Files.isRegularFile(old)) {
                        problems.add(old + " is missing");
                        continue;
                    }
                    compare(SafeTensors.read(old, null), SafeTensors.read(regenerated, null), old, problems);
                    String oldManifest = Files.readString(old.resolveSibling(name(old) + ".json"))
                            .replaceAll("\"(sha256|generator|reference)\" : \"[^\"]*\"", "");
                    String newManifest = Files.readString(regenerated.resolveSibling(name(regenerated) + ".json"))
                            .replaceAll("\"(sha256|generator|reference)\" : \"[^\"]*\"", "");
                    if (!oldManifest.equals(newManifest)) {
                        problems.add(old.resolveSibling(name(old) + ".json") + ": cases, seeds or pins differ from the generator's");
                    }
                }
            }
        }
        return sets;
    }

    /**
     * A float32-noise entry is what libtorch's float32 did on the CPU that generated the set, and
     * libtorch picks other kernels on other CPUs (measured 2026-12-02: a set generated on an AVX2
     * EPYC, regenerated on an AVX-512 Xeon, 286 noise entries moved, by up to a factor of 5, every
     * oracle value bit-identical). So noise only drifts when it moves by more than the certifying
     * factor, or from exactly zero to more than 2^-20 (a few ulps of an O(1) value).
     */
    static boolean sameNoise(float committed, float generated) {
        double lo = Math.min(Math.abs(committed), Math.abs(generated));
        double hi = Math.max(Math.abs(committed), Math.abs(generated));
        return lo == 0 ? hi <= 0x1p-20 : hi <= dev.resnettck.tck.compare.Tolerance.FLOAT32_FACTOR * lo;
    }

    private static String name(Path f) {
        String n = f.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    private static void compare(Map<String, Tensor> old, Map<String, Tensor> now, Path file, List<String> problems) {
        if (!old.keySet().equals(now.keySet())) {
            problems.add(file + ": tensor names differ");
            return;
        }
        for (String k : old.keySet()) {
            float[] a = old.get(k).data();
            float[] b = now.get(k).data();
            boolean exact = !k.contains("/expected/");
            boolean noise = k.contains("/float32-noise/");
            for (int i = 0; i < a.length; i++) {
                boolean same = noise ? sameNoise(a[i], b[i]) : exact ? Float.floatToRawIntBits(a[i]) == Float.floatToRawIntBits(b[i])
                        : Math.abs(a[i] - b[i]) <= Math.ulp(Math.max(Math.abs(a[i]), Math.abs(b[i]))) || a[i] == b[i];
                if (!same) {
                    problems.add(file + " " + k + "[" + i + "]: committed " + a[i] + ", generated " + b[i]);
                    break;
                }
            }
        }
    }
}
