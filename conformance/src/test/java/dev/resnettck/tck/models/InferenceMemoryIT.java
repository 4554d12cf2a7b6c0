package dev.resnettck.tck.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.tck.suite.AllureVerdicts;
import io.qameta.allure.Allure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ResNet152 inference at batch 8 completes in a JVM whose heap is capped at 4 GiB; the peak is reported. */
class InferenceMemoryIT {

    @Test
    void resnet152AtBatch8FitsIn4GiB() throws Exception {
        AllureVerdicts.suites("fast", "memory", null);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx4g", "--add-modules", "jdk.incubator.vector",
                "-cp", classpath, InferenceMemoryMain.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "still running after 10 minutes");
        Allure.addAttachment("child JVM output", "text/plain", out, ".txt");
        String result = out.lines().filter(l -> l.startsWith("logits")).findFirst().orElse("no result: " + out);
        Allure.parameter("result", result);
        assertEquals(0, p.exitValue(), out);
        assertTrue(result.startsWith("logits 8x1000"), result);
    }
}
