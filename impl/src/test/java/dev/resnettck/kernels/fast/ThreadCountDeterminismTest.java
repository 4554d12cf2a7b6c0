package dev.resnettck.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fast kernels give bit-identical results whatever the thread count: a training step of
 * ResNet18 and ResNet50, and a Winograd convolution, hashed in child JVMs with 1, 2 and 3 threads. A planted thread-dependent
 * reduction, hashed in the same runs, shows that the comparison catches a kernel that is not.
 */
class ThreadCountDeterminismTest {
    /** Each probe's output by run: 1, 2 and 3 threads, then 1 thread again (4 child JVMs, shared by both tests). */
    private static final Map<String, String> RUNS = new ConcurrentHashMap<>();

    @Test
    void aTrainingStepIsBitIdenticalForOneTwoAndThreeThreads() throws Exception {
        String one = kernels(run("1 thread", 1));
        assertTrue(one.contains("resnet18 ") && one.contains("resnet50 ") && one.contains("winograd "), one);
        assertEquals(one, kernels(run("2 threads", 2)), "2 threads against 1");
        assertEquals(one, kernels(run("3 threads", 3)), "3 threads against 1");
        assertEquals(one, kernels(run("1 thread again", 1)), "the same seed twice");
    }

    @Test
    void aThreadDependentReductionIsCaught() throws Exception {
        String one = planted(run("1 thread", 1));
        assertTrue(one.contains("planted resnet18 "), one);
        assertNotEquals(one, planted(run("3 threads", 3)), "a per-thread float sum must change the hashes");
    }

    private static String run(String name, int threads) throws IOException, InterruptedException {
        String out = RUNS.get(name);
        if (out == null) {
            out = probe(threads);
            RUNS.put(name, out);
        }
        return out;
    }

    /** The fast kernels' hashes (the planted sum is on lines of its own). */
    private static String kernels(String out) {
        return out.lines().filter(l -> l.startsWith("resnet")).reduce("", (a, b) -> a + b + "\n");
    }

    private static String planted(String out) {
        return out.lines().filter(l -> l.startsWith("planted ")).reduce("", (a, b) -> a + b + "\n");
    }

    private static String probe(int threads) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--add-modules",
                "jdk.incubator.vector", "-Dtck.threads=" + threads, "-cp", classpath, ThreadCountProbe.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "probe still running after 3 minutes");
        assertEquals(0, p.exitValue(), out);
        return out; // with the incubator-module warning, which kernels() and planted() leave out
    }
}
