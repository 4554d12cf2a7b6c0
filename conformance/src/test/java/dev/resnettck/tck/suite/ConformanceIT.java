package dev.resnettck.tck.suite;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.resnettck.tck.Suite;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.RuleRunner;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.spi.Implementations;
import dev.resnettck.tck.spi.TckImplementation;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * The suite as JUnit tests: every rule for every conforming built-in implementation (or the ones
 * named by {@code -Dtck.implementations=a,b}), each verdict reported to Allure.
 */
class ConformanceIT {
    static final String CONFORMING = "plain";

    @BeforeAll
    static void environment() {
        AllureEnvironment.write();
    }

    @TestFactory
    Stream<DynamicContainer> certify() {
        SuiteContext context = SuiteContext.fromSystemProperties();
        List<String> names = Arrays.asList(System.getProperty("tck.implementations", CONFORMING).split(","));
        return names.stream().map(String::trim).map(Implementations::byName)
                .map(impl -> dynamicContainer(impl.name(), Suite.checks().stream().map(check -> dynamicTest(
                        check.rule().id() + " · " + check.rule().title(), () -> run(check, impl, context)))));
    }

    private static void run(Check check, TckImplementation impl, SuiteContext context) {
        Verdict verdict = RuleRunner.run(check, impl, context);
        AllureVerdicts.report(impl.name(), check.rule(), verdict);
    }
}
