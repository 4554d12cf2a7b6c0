package dev.resnettck.tck.suite;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.resnettck.tck.Suite;
import dev.resnettck.tck.certify.CertificateWriter;
import dev.resnettck.tck.certify.Certification;
import dev.resnettck.tck.certify.RuleVerdict;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.RuleRunner;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.spi.Implementations;
import dev.resnettck.tck.spi.TckImplementation;
import io.qameta.allure.Allure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The suite as JUnit tests: every rule for every conforming built-in implementation (or the ones
 * named by {@code -Dtck.implementations=a,b}), each verdict reported to Allure, then a per-layer
 * summary table and the implementation's certificate. Then the builds that trade accuracy for
 * speed ({@code -Dtck.inaccurate=a,b}): certified the same way, each must be caught by tolerance
 * failures alone (no errors), and the rules that caught it are listed.
 */
class ConformanceIT {
    static final String CONFORMING = "fast,plain,opencl";
    static final String INACCURATE = "opencl-fast-math";

    @BeforeAll
    static void environment() {
        AllureEnvironment.write();
    }

    @TestFactory
    Stream<DynamicContainer> certify() {
        SuiteContext context = SuiteContext.fromSystemProperties();
        return names("tck.implementations", CONFORMING).map(impl -> certify(impl, context, true));
    }

    @TestFactory
    Stream<DynamicContainer> inaccurateBuildsAreCaught() {
        SuiteContext context = SuiteContext.fromSystemProperties();
        return names("tck.inaccurate", INACCURATE).map(impl -> certify(impl, context, false));
    }

    private static Stream<TckImplementation> names(String property, String fallback) {
        String names = System.getProperty(property, fallback);
        return Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).map(Implementations::byName);
    }

    private static DynamicContainer certify(TckImplementation impl, SuiteContext context, boolean conforming) {
        List<RuleVerdict> verdicts = new ArrayList<>();
        Instant start = Instant.now();
        Stream<DynamicNode> rules = Suite.checks().stream().map(check -> dynamicTest(
                check.rule().id() + " · " + check.rule().title(), () -> run(check, impl, context, verdicts, conforming)));
        Stream<DynamicNode> summary = Stream.of(dynamicTest("SUMMARY · errors per rule and certificate", () -> {
            AllureVerdicts.suites(impl.name(), "summary", null);
            Certification c = new Certification(impl, List.copyOf(verdicts), context.seed(), start,
                    Duration.between(start, Instant.now()));
            Path written = CertificateWriter.write(c, context.reportsDir().resolve("certificates").resolve(impl.name()));
            Allure.parameter("result", c.result());
            Allure.parameter("certificate", written.toString());
            Allure.addAttachment("errors per rule", "text/html", SummaryTable.html(verdicts), ".html");
            Allure.addAttachment("certificate.json", "application/json",
                    java.nio.file.Files.readString(written), ".json");
            if (!conforming) {
                expectCaught(impl, c);
            }
        }));
        return dynamicContainer(impl.name(), Stream.concat(rules, summary));
    }

    private static void run(Check check, TckImplementation impl, SuiteContext context, List<RuleVerdict> verdicts,
                            boolean conforming) {
        Verdict verdict = RuleRunner.run(check, impl, context);
        verdicts.add(new RuleVerdict(check.rule(), verdict));
        if (conforming || !(verdict instanceof Verdict.Fail)) {
            AllureVerdicts.report(impl.name(), check.rule(), verdict);
        } else {
            // an inaccurate build failing a tolerance rule is the suite doing its job: shown, not a test failure
            AllureVerdicts.describe(impl.name(), check.rule(), verdict);
            Allure.parameter("expected", "caught: this build is meant to differ beyond the tolerance");
        }
    }

    /** An inaccurate build must be rejected, and only by tolerance failures (an error is a bug in it or in us). */
    private static void expectCaught(TckImplementation impl, Certification c) {
        impl.unavailableReason().ifPresent(why -> Assumptions.abort(impl.name() + " could not run here: " + why));
        List<String> caught = c.verdicts().stream().filter(v -> v.verdict() instanceof Verdict.Fail)
                .map(v -> v.rule().id() + ": " + v.verdict().detail()).toList();
        String table = impl.name() + " failed " + caught.size() + " rule(s):\n" + String.join("\n", caught);
        Allure.addAttachment("rules that caught " + impl.name(), "text/plain", table, ".txt");
        System.out.println(table);
        Assertions.assertEquals(0, c.count("ERROR"), impl.name() + " threw instead of computing; see the report");
        Assertions.assertFalse(c.certified(), impl.name() + " is built to be inaccurate but was certified: "
                + "the 1e-5 rules no longer tell it apart from a conforming build");
    }
}
