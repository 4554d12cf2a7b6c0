package dev.resnettck.tck.cli;

import dev.resnettck.tck.Suite;
import dev.resnettck.tck.certify.CertificateWriter;
import dev.resnettck.tck.certify.Certification;
import dev.resnettck.tck.certify.Certifier;
import dev.resnettck.tck.certify.RuleVerdict;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.spi.Implementations;
import dev.resnettck.tck.spi.TckImplementation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The calibration sweep: certifies implementations over a range of seeds in one JVM (so each
 * reference case is computed once per seed) and tabulates, per implementation, how many seeds were
 * certified and each rule's largest needed float32 factor. A verdict must not depend on the seed.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Certify implementations over a range of seeds; write one certificate per (implementation, seed) and "
                + "sweep.md, a table of verdicts and the largest needed float32 factors.")
final class SweepCommand implements Callable<Integer> {

    @Option(names = {"-i", "--implementations"}, split = ",", description = "registered names (default: ${DEFAULT-VALUE})",
            defaultValue = "fast,fast-float64,example-torch-layers-float32,fast-float32-reversed")
    List<String> implementations;

    @Option(names = "--seeds", description = "first-last (default: ${DEFAULT-VALUE})", defaultValue = "1-20")
    String seeds;

    @Option(names = "--rules", description = "rule ids to run, a regular expression (default: ${DEFAULT-VALUE})",
            defaultValue = "(LAYER|BLOCK|LOSS)-.*")
    String rules;

    @Option(names = "--out", description = "output folder (default: reports/calibration)")
    Path out;

    @Override
    public Integer call() throws Exception {
        String[] range = seeds.split("-");
        if (range.length != 2) {
            throw new IllegalArgumentException("--seeds must be first-last, as 1-20, got " + seeds);
        }
        long first = Long.parseLong(range[0].trim());
        long last = Long.parseLong(range[1].trim());
        if (last < first) {
            throw new IllegalArgumentException("--seeds " + seeds + ": the last seed is below the first");
        }
        List<TckImplementation> impls = implementations.stream().map(Implementations::byName).toList();
        Pattern selected = Pattern.compile(rules);
        List<Check> checks = Suite.checks().stream().filter(c -> selected.matcher(c.rule().id()).matches()).toList();
        Path root = SuiteContext.fromSystemProperties().root();
        Path dir = out != null ? out : SuiteContext.fromSystemProperties().reportsDir().resolve("calibration");
        OutputFolder.requireWritable(dir);
        Map<String, List<String>> results = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> needed = new LinkedHashMap<>(); // impl -> rule -> {factor, seed}
        for (long seed = first; seed <= last; seed++) {
            SuiteContext context = new SuiteContext(seed, 1, root);
            for (TckImplementation impl : impls) {
                Certification c = Certifier.run(impl, checks, context, (check, v) -> { });
                CertificateWriter.write(c, dir.resolve(impl.name()).resolve("seed-" + seed));
                results.computeIfAbsent(impl.name(), k -> new ArrayList<>()).add(seed + ": " + c.result());
                Map<String, double[]> rulesNeeded = needed.computeIfAbsent(impl.name(), k -> new LinkedHashMap<>());
                for (RuleVerdict v : c.verdicts()) {
                    double f = v.verdict().isFailure() && v.verdict().evidence().neededFactor() == 0 ? Double.POSITIVE_INFINITY
                            : v.verdict().evidence().neededFactor();
                    double[] before = rulesNeeded.get(v.rule().id());
                    if (before == null || f > before[0]) {
                        rulesNeeded.put(v.rule().id(), new double[] {f, seed});
                    }
                }
                System.out.printf(Locale.ROOT, "seed %d %s: %s; %s%n", seed, impl.name(), c.result(), c.strictLine());
            }
        }
        StringBuilder md = new StringBuilder("# Calibration sweep\n\n`./tck sweep --seeds " + seeds + " --rules '" + rules
                + "' -i " + String.join(",", implementations) + "`\n\n| implementation | seeds certified | largest "
                + "needed float32 factors (rule, seed) |\n| --- | ---: | --- |\n");
        int allCertified = 1;
        for (TckImplementation impl : impls) {
            List<String> r = results.get(impl.name());
            long certified = r.stream().filter(x -> x.contains(": CERTIFIED")).count();
            allCertified &= certified == r.size() ? 1 : 0;
            List<Map.Entry<String, double[]>> top = new ArrayList<>(needed.get(impl.name()).entrySet());
            top.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
            List<String> shown = top.stream().filter(e -> e.getValue()[0] > 0).limit(5).map(e -> String.format(Locale.ROOT,
                    "%s %.2f (seed %d)", e.getKey(), e.getValue()[0], (long) e.getValue()[1])).toList();
            md.append("| ").append(impl.name()).append(" | ").append(certified).append(" of ").append(r.size()).append(" | ")
                    .append(shown.isEmpty() ? "none: every rule strict" : String.join(", ", shown)).append(" |\n");
        }
        Files.writeString(dir.resolve("sweep.md"), md);
        System.out.println(md);
        System.out.println("written: " + dir.resolve("sweep.md") + " and one certificate per implementation and seed");
        return allCertified == 1 ? 0 : 1;
    }
}
