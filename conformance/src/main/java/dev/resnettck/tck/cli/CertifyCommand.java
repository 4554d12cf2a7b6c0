package dev.resnettck.tck.cli;

import dev.resnettck.tck.Suite;
import dev.resnettck.tck.certify.CertificateWriter;
import dev.resnettck.tck.certify.Certification;
import dev.resnettck.tck.certify.Certifier;
import dev.resnettck.tck.certify.RuleVerdict;
import dev.resnettck.tck.certify.Scope;
import dev.resnettck.reference.ReferenceEngine;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.spi.Implementations;
import dev.resnettck.tck.spi.TckImplementation;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the suite over one implementation and writes its certificate; exit 1 when a required rule fails. */
@Command(name = "certify", mixinStandardHelpOptions = true,
        description = "Run every rule against an implementation and write reports/certificates/<name>/certificate.{json,html}.")
final class CertifyCommand implements Callable<Integer> {

    @Option(names = {"-i", "--implementation"}, description = "registered implementation name (default: ${DEFAULT-VALUE})",
            defaultValue = "${sys:tck.implementation:-" + Implementations.DEFAULT + "}")
    String implementation;

    @Option(names = "--rules", description = "only rules whose id matches this regular expression", defaultValue = ".*")
    String rules;

    @Option(names = "--seed", description = "the run's seed (default: ${DEFAULT-VALUE})",
            defaultValue = "${sys:tck.seed:-" + SuiteContext.DEFAULT_SEED + "}")
    long seed;

    @Option(names = "--effort", description = "scale of generated cases: 1 = the full suite (default: ${DEFAULT-VALUE}); "
            + "between 0 and 1 runs fewer cases per rule (at least one) and the certificate reads as partial; up to 10 runs "
            + "more", defaultValue = "${sys:tck.effort:-1}")
    double effort;

    @Option(names = "--out", description = "certificate folder (default: reports/certificates/<implementation>)")
    Path out;

    @Option(names = "--quiet", description = "only the one-line result: no progress bar, no per-rule lines")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (!(effort > 0 && effort <= 10)) {
            throw new IllegalArgumentException("--effort must be above 0 and at most 10 (1 = the full suite), got " + effort);
        }
        TckImplementation impl = Implementations.byName(implementation);
        SuiteContext context = new SuiteContext(seed, effort, SuiteContext.fromSystemProperties().root());
        Pattern selected;
        try {
            selected = Pattern.compile(rules);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("--rules is not a regular expression: " + e.getDescription() + " in '"
                    + rules + "'");
        }
        List<Check> all = Suite.checks();
        List<Check> checks = all.stream().filter(c -> selected.matcher(c.rule().id()).matches()).toList();
        if (checks.isEmpty()) {
            System.err.println("no rule id matches --rules " + rules + " (./tck rules lists them)");
            return 2;
        }
        boolean reference = ReferenceEngine.isAvailable();
        // a run without the live reference certifies less: it never replaces a full certificate by default
        Path dir = out != null ? out : context.reportsDir().resolve("certificates")
                .resolve(reference ? impl.name() : impl.name() + "-golden-only");
        OutputFolder.requireWritable(dir);
        Scope scope = new Scope(rules, effort, all.size(), reference);
        Certification result;
        if (quiet) {
            result = Certifier.run(impl, checks, context, scope, (c, v) -> { });
        } else {
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("certify " + impl.name())
                    .setInitialMax(checks.size()).setStyle(ProgressBarStyle.ASCII).build()) {
                result = Certifier.run(impl, checks, context, scope, (c, v) -> {
                    bar.step();
                    bar.setExtraMessage(c.rule().id());
                    if (!(v.label().equals("PASS"))) {
                        System.err.println("\n" + v.label() + " " + c.rule().id() + ": " + v.detail());
                    }
                });
            }
        }
        Path written = CertificateWriter.write(result, dir);
        System.out.printf("%s: %s (%d pass, %d fail, %d error, %d not applicable, %d not run) in %.0f s%n",
                impl.name(), result.result(), result.count("PASS"),
                result.count("FAIL"), result.count("ERROR"), result.count("NOT APPLICABLE"), result.count("NOT RUN"),
                result.took().toMillis() / 1000.0);
        System.out.println("  " + result.strictLine());
        if (!quiet) {
            for (RuleVerdict v : result.requiredFailures()) {
                System.out.println("  " + v.verdict().label() + " " + v.rule().id() + ": " + v.verdict().detail());
            }
        }
        System.out.println("certificate: " + written + " and " + written.resolveSibling("certificate.html"));
        return result.certified() ? 0 : 1;
    }
}
