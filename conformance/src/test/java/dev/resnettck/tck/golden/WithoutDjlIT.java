package dev.resnettck.tck.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resnettck.io.SafeTensors;
import dev.resnettck.tck.builtin.FastImplementation;
import dev.resnettck.tck.cli.Tck;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.RuleRunner;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.suite.AllureVerdicts;
import dev.resnettck.tensor.Tensor;
import io.qameta.allure.Allure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in a failsafe execution whose classpath has no DJL at all: an implementation is certified
 * against the golden data with the certify command, live rules say why they did not run, and
 * corrupt golden files are refused with the file and the problem named.
 */
class WithoutDjlIT {
    @TempDir
    Path scratch;
    Path root;

    @BeforeEach
    void copyGoldenData() throws IOException {
        AllureVerdicts.suites("golden data", "without DJL", null);
        Path golden = SuiteContext.fromSystemProperties().goldenDir();
        root = scratch.resolve("project");
        try (Stream<Path> all = Files.walk(golden)) {
            for (Path p : all.toList()) {
                Path to = root.resolve("golden-data").resolve(golden.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }

    @Test
    void djlIsNotOnTheClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.djl.engine.Engine"));
    }

    @Test
    void certifiesAgainstGoldenDataAlone() throws IOException {
        Path out = scratch.resolve("certificate");
        String previous = System.setProperty("tck.root", root.toString());
        try {
            int exit = Tck.execute("certify", "-i", "fast", "--quiet", "--rules",
                    "GOLDEN-(LAYER|LOSS|BLOCK)-.*|GOLDEN-MODEL-RESNET18|LAYER-CONV2D-FWD", "--out", out.toString());
            JsonNode cert = new ObjectMapper().readTree(out.resolve("certificate.json").toFile());
            Allure.addAttachment("certificate.json", "application/json", Files.readString(out.resolve("certificate.json")),
                    ".json");
            assertEquals(0, exit, "certified on golden data alone");
            assertTrue(cert.get("result").asText().startsWith("CERTIFIED against golden data only; "),
                    cert.get("result").asText());
            int golden = 0;
            for (JsonNode rule : cert.get("rules")) {
                String id = rule.get("id").asText();
                if (id.startsWith("GOLDEN-")) {
                    assertEquals("PASS", rule.get("verdict").asText(), id + ": " + rule.get("detail"));
                    golden++;
                } else {
                    assertEquals("NOT RUN", rule.get("verdict").asText(), id);
                    assertTrue(rule.get("detail").asText().contains("DJL is not on the classpath"), rule.get("detail").asText());
                }
            }
            assertTrue(golden >= 17, "golden rules run: " + golden);
        } finally {
            restore(previous);
        }
    }

    @Test
    void aTruncatedSetIsAChecksumMismatch() throws IOException {
        Path file = set("layers", "LAYER-CONV2D.safetensors");
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 64));
        assertRefused("GOLDEN-LAYER-CONV2D", "LAYER-CONV2D.safetensors: checksum mismatch");
    }

    @Test
    void aMissingSetIsNamed() throws IOException {
        Files.delete(set("blocks", "BLOCK-BASIC.safetensors"));
        assertRefused("GOLDEN-BLOCK-BASIC", "BLOCK-BASIC.safetensors: missing");
    }

    @Test
    void aMissingCaseTensorIsNamed() throws IOException {
        Path manifest = set("layers", "LAYER-RELU.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"expected/output\"", "\"expected/ghost\""));
        assertRefused("GOLDEN-LAYER-RELU", "case 'case-00' lacks tensor 'expected/ghost'");
    }

    @Test
    void aMissingFloat32NoiseIsNamed() throws IOException {
        Path manifest = set("layers", "LAYER-CONV2D.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst(",\\s*\"float32-noise/output\"", ""));
        assertRefused("GOLDEN-LAYER-CONV2D", "case 'case-00' has expected/output but no float32-noise/output");
    }

    @Test
    void aNegativeFloat32NoiseIsNamed() throws IOException {
        rewrite("layers", "LAYER-LINEAR", tensors -> tensors.put("case-00/float32-noise/output", Tensor.of(new float[] {-1}, 1)),
                null);
        assertRefused("GOLDEN-LAYER-LINEAR", "tensor 'float32-noise/output' must be one finite, non-negative number");
    }

    @Test
    void aWrongDtypeIsNamed() throws IOException {
        rewrite("layers", "LAYER-LINEAR", tensors -> { }, "F64");
        assertRefused("GOLDEN-LAYER-LINEAR", "is F64, golden data is F32");
    }

    @Test
    void aWrongShapeIsNamed() throws IOException {
        rewrite("layers", "LAYER-MAXPOOL2D", tensors -> {
            Tensor input = tensors.get("case-00/input");
            tensors.put("case-00/input", Tensor.of(java.util.Arrays.copyOf(input.data(), input.numel() + 1), input.numel() + 1));
        }, null);
        assertRefused("GOLDEN-LAYER-MAXPOOL2D", "case 'case-00' tensor 'input' has shape");
    }

    /** Rewrites a set's tensors (optionally declaring every float tensor with another dtype) and re-pins its checksum. */
    private void rewrite(String group, String set, java.util.function.Consumer<Map<String, Tensor>> change, String dtype)
            throws IOException {
        Path data = set(group, set + ".safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>(SafeTensors.read(data, null));
        change.accept(tensors);
        SafeTensors.write(data, tensors, Map.of());
        if (dtype != null) {
            byte[] bytes = Files.readAllBytes(data);
            String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\"dtype\":\"F32\"", "\"dtype\":\"" + dtype + "\"");
            Files.write(data, text.getBytes(StandardCharsets.ISO_8859_1));
        }
        Path manifest = set(group, set + ".json");
        String sha = dev.resnettck.tck.certify.SuiteIdentity.sha256(data);
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"sha256\" : \"[0-9a-f]*\"",
                "\"sha256\" : \"" + sha + "\""));
    }

    private Path set(String group, String file) {
        return root.resolve("golden-data").resolve(group).resolve(file);
    }

    private void assertRefused(String ruleId, String expected) {
        Check check = GoldenCatalogue.checks().stream().filter(c -> c.rule().id().equals(ruleId)).findFirst().orElseThrow();
        Verdict v = RuleRunner.run(check, new FastImplementation(), new SuiteContext(SuiteContext.DEFAULT_SEED, 1, root));
        Allure.parameter(ruleId, v.label() + ": " + v.detail());
        Verdict.Error error = assertInstanceOf(Verdict.Error.class, v, () -> v.label() + ": " + v.detail());
        assertTrue(error.message().contains(expected), error.message());
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty("tck.root");
        } else {
            System.setProperty("tck.root", previous);
        }
    }
}
