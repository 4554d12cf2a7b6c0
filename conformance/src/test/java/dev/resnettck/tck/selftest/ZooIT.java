package dev.resnettck.tck.selftest;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resnettck.tck.cli.Tck;
import dev.resnettck.tck.suite.AllureVerdicts;
import dev.resnettck.tck.zoo.PlantedImplementation;
import dev.resnettck.tck.zoo.Zoo;
import io.qameta.allure.Allure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Self-certification: every planted fault of the zoo goes through the certify command and must be
 * rejected by one of the rules it names. The kill count is printed and attached to the report.
 */
class ZooIT {
    private static final List<String> KILLS = new ArrayList<>();
    private static int total;

    @TestFactory
    Stream<DynamicTest> everyPlantedFaultIsRejected() {
        Path out = Path.of(System.getProperty("tck.root", "..")).resolve("reports/zoo");
        List<PlantedImplementation> zoo = Zoo.all();
        total = zoo.size();
        Stream<DynamicTest> members = zoo.stream().map(impl -> dynamicTest(impl.name() + ": " + impl.fault(), () -> {
            Path dir = out.resolve(impl.name());
            int exit = Tck.execute("certify", "-i", impl.name(), "--quiet", "--rules", impl.rules(), "--out",
                    dir.toString());
            List<String> failed = failedRules(dir.resolve("certificate.json"));
            List<String> expectedHits = failed.stream().filter(impl.caughtBy()::contains).toList();
            AllureVerdicts.suites("self-certification", "planted faults", null);
            Allure.parameter("planted fault", impl.fault());
            Allure.parameter("exit code", exit);
            Allure.label("tag", "self-test: a planted fault, expected to be rejected");
            Allure.parameter("the planted implementation's verdict", exit == 0 ? "CERTIFIED (wrongly)"
                    : "NOT CERTIFIED, as expected (this test passes when the fault is caught)");
            Allure.parameter("rules that caught it", failed.toString());
            Allure.addAttachment("certificate.json", "application/json", Files.readString(dir.resolve("certificate.json")),
                    ".json");
            if (exit == 0 || expectedHits.isEmpty()) {
                throw new AssertionError(impl.name() + " was not rejected as expected: exit " + exit + ", failed rules "
                        + failed + ", expected one of " + impl.caughtBy());
            }
            synchronized (KILLS) {
                KILLS.add(impl.name() + " (" + impl.fault() + ") caught by " + failed);
            }
        }));
        DynamicTest summary = dynamicTest("kill count", () -> {
            AllureVerdicts.suites("self-certification", "planted faults", null);
            String table = "zoo kill count: " + KILLS.size() + "/" + total + "\n" + String.join("\n", KILLS);
            Allure.parameter("kill count", KILLS.size() + "/" + total);
            Allure.addAttachment("which rules caught each planted fault", "text/plain", table, ".txt");
            System.out.println(table);
            if (KILLS.size() != total) {
                throw new AssertionError(table);
            }
        });
        return Stream.concat(members, Stream.of(summary));
    }

    static List<String> failedRules(Path certificate) throws IOException {
        JsonNode root = new ObjectMapper().readTree(certificate.toFile());
        List<String> failed = new ArrayList<>();
        for (JsonNode rule : root.get("rules")) {
            String verdict = rule.get("verdict").asText();
            if (verdict.equals("FAIL") || verdict.equals("ERROR")) {
                failed.add(rule.get("id").asText());
            }
        }
        return failed;
    }

}
