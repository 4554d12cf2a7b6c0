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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The suite as JUnit tests: every rule for every conforming built-in implementation (or the ones
 * named by {@code -Dtck.implementations=a,b}), each verdict reported to Allure, then a per-layer
 * summary table and the implementation's certificate.
 */
class ConformanceIT {
    static final String CONFORMING = "fast,plain";

    @BeforeAll
    static void environment() {
        AllureEnvironment.write();
    }

    @TestFactory
    Stream<DynamicContainer> certify() {
        SuiteContext context = SuiteContext.fromSystemProperties();
        List<String> names = Arrays.asList(System.getProperty("tck.implementations", CONFORMING).split(","));
        return names.stream().map(String::trim).map(Implementations::byName).map(impl -> certify(impl, context));
    }

    private static DynamicContainer certify(TckImplementation impl, SuiteContext context) {
        List<RuleVerdict> verdicts = new ArrayList<>();
        Instant start = Instant.now();
        Stream<DynamicNode> rules = Suite.checks().stream().map(check -> dynamicTest(
                check.rule().id() + " · " + check.rule().title(), () -> run(check, impl, context, verdicts)));
        Stream<DynamicNode> summary = Stream.of(dynamicTest("SUMMARY · errors per rule and certificate", () -> {
            AllureVerdicts.suites(impl.name(), "summary", null);
            Certification c = new Certification(impl, List.copyOf(verdicts), context.seed(), start,
                    Duration.between(start, Instant.now()));
            Path written = CertificateWriter.write(c, context.reportsDir().resolve("certificates").resolve(impl.name()));
            Allure.parameter("result", c.certified() ? "CERTIFIED" : "NOT CERTIFIED");
            Allure.parameter("certificate", written.toString());
            Allure.addAttachment("errors per rule", "text/html", SummaryTable.html(verdicts), ".html");
            Allure.addAttachment("certificate.json", "application/json",
                    java.nio.file.Files.readString(written), ".json");
        }));
        return dynamicContainer(impl.name(), Stream.concat(rules, summary));
    }

    private static void run(Check check, TckImplementation impl, SuiteContext context, List<RuleVerdict> verdicts) {
        Verdict verdict = RuleRunner.run(check, impl, context);
        verdicts.add(new RuleVerdict(check.rule(), verdict));
        AllureVerdicts.report(impl.name(), check.rule(), verdict);
    }
}
