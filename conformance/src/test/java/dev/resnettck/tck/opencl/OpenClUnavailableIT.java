package dev.resnettck.tck.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resnettck.kernels.opencl.OpenClDevice;
import dev.resnettck.tck.cli.Tck;
import dev.resnettck.tck.suite.AllureVerdicts;
import io.qameta.allure.Allure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the OpenCL implementation cannot run, certifying it reports every rule not applicable with
 * the reason, and the certificate is not granted: nothing passes silently. Each case runs the
 * certify command in a child JVM: one asks for a device that does not exist, one starts the JVM
 * without signal chaining (which an OpenCL compiler would turn into a crash).
 */
class OpenClUnavailableIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "no such device,      -Dtck.opencl.device=no-such-device, no OpenCL device matches, no-such-device",
        "no signal chaining,  ,                                   this JVM runs without signal chaining, LD_PRELOAD=",
    })
    void unavailableMeansNotApplicableAndNotCertified(String situation, String property, String reason,
            String detail) throws Exception {
        AllureVerdicts.suites("opencl", "availability", null);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true",
                "-Dtck.root=" + System.getProperty("tck.root", "..")));
        if (property != null) {
            assertTrue(property.startsWith("-D" + OpenClDevice.PROPERTY + "="), property);
            command.add(property);
        }
        command.addAll(List.of("-cp", classpath, Tck.class.getName(), "certify", "-i", "opencl", "--quiet",
                "--rules", "LAYER-RELU-FWD|LAYER-CONV2D-FWD|GOLDEN-LAYER-CONV2D", "--out", dir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (property == null) {
            builder.environment().remove("LD_PRELOAD");
        } else {
            assertTrue(System.getenv().getOrDefault("LD_PRELOAD", "").contains("libjsig"),
                    "the build runs tests with signal chaining; LD_PRELOAD=" + System.getenv("LD_PRELOAD"));
        }
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "still running after 5 minutes");
        Allure.addAttachment("certify output", "text/plain", out, ".txt");
        assertEquals(1, p.exitValue(), "exit code of an uncertified run: " + out);
        JsonNode certificate = new ObjectMapper().readTree(dir.resolve("certificate.json").toFile());
        String result = certificate.get("result").asText();
        Allure.parameter("result", result);
        assertTrue(result.startsWith("NOT CERTIFIED (nothing ran: " + reason), result);
        assertEquals(3, certificate.get("rules").size(), certificate.toString());
        for (JsonNode rule : certificate.get("rules")) {
            assertEquals("NOT APPLICABLE", rule.get("verdict").asText(), rule.toString());
            assertTrue(rule.get("detail").asText().contains(detail), rule.toString());
        }
        assertTrue(Files.readString(dir.resolve("certificate.html")).contains("nothing ran"));
    }
}
