package dev.resnettck.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fast kernels give bit-identical results whatever the thread count: a training step of
 * ResNet18 and ResNet50 hashed in child JVMs with 1, 2 and 3 threads. A planted thread-dependent
 * reduction shows that the comparison catches a kernel that is not.
 */
class ThreadCountDeterminismTest {

    @Test
    void aTrainingStepIsBitIdenticalForOneTwoAndThreeThreads() throws Exception {
        String one = probe(1, false);
        assertTrue(one.contains("resnet18 ") && one.contains("resnet50 "), one);
        assertEquals(one, probe(2, false), "2 threads against 1");
        assertEquals(one, probe(3, false), "3 threads against 1");
        assertEquals(one, probe(1, false), "the same seed twice");
    }

    @Test
    void aThreadDependentReductionIsCaught() throws Exception {
        assertNotEquals(probe(1, true), probe(3, true), "a per-thread float sum must change the hashes");
    }

    private static String probe(int threads, boolean planted) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--add-modules",
                "jdk.incubator.vector", "-Dtck.threads=" + threads, "-cp", classpath, ThreadCountProbe.class.getName()));
        if (planted) {
            command.add("planted");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "probe still running after 3 minutes");
        assertEquals(0, p.exitValue(), out);
        // the incubator-module warning is not part of the result
        return out.lines().filter(l -> l.startsWith("resnet")).reduce("", (a, b) -> a + b + "\n");
    }
}
