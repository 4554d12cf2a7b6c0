package dev.resnettck.tck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * 2 MB memory pages for both contestants, where the kernel's transparent huge pages allow them ("always"
 * or "madvise"): the JVM asks for them for its heap with {@code -XX:+UseTransparentHugePages}, libtorch
 * for its tensors with {@code THP_MEM_ALLOC_ENABLE=1} in the environment (its CPU allocator then aligns
 * allocations of 2 MB and more and asks for huge pages; {@code ./tck} exports it, and the forks inherit it).
 * With 4 KB pages a layer's activations span thousands of pages, and a fresh output array is faulted in
 * page by page. Measured with JMH, one fork each, forks alternating, Intel Xeon: fast's ResNet50 inference
 * at batch 8 464 and 446 -> 432 and 420 ms, its gate training step 120 and 116 -> 103 and 111 ms;
 * libtorch's training step 205 and 203 -> 195 and 191 ms with the variable set. Only the benchmark's forks ask
 * for them: a JVM that lives long and allocates much (mvn verify's test forks, a whole certification) spent more
 * system time with them and ran no faster (see the pom), though the gate alone ({@code ./tck certify --rules
 * GATE-FASHIONMNIST}, runs alternating) went 296 -> 269 and 270 s. Where the kernel says
 * "never", the JVM falls back to 4 KB pages silently ({@code -Xlog:pagesize=off} drops its warning).
 */
final class HugePages {
    static final Path SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    static final String TORCH_VARIABLE = "THP_MEM_ALLOC_ENABLE";
    static final List<String> JVM_FLAGS = List.of("-XX:+UseTransparentHugePages", "-Xlog:pagesize=off");

    private HugePages() {
    }

    /** The kernel's setting (always, madvise or never); "unknown" where it cannot be read. */
    static String kernelSetting() {
        try {
            return selected(Files.readString(SETTING));
        } catch (IOException | SecurityException e) {
            return "unknown";
        }
    }

    /** The selected one of {@code "always [madvise] never"}; "unknown" where none is marked. */
    static String selected(String line) {
        int open = line.indexOf('[');
        int close = line.indexOf(']', open + 1);
        return open >= 0 && close > open + 1 ? line.substring(open + 1, close) : "unknown";
    }

    /** For the report's header: which contestant got 2 MB pages, and why (not). */
    static String describe() {
        return describe(kernelSetting(), System.getenv(TORCH_VARIABLE));
    }

    static String describe(String kernel, String torchVariable) {
        boolean allowed = kernel.equals("always") || kernel.equals("madvise");
        boolean torch = "1".equals(torchVariable);
        if (!allowed) {
            return "4 KB pages for both contestants: the kernel's transparent huge pages are " + kernel + " (" + SETTING
                    + ")";
        }
        return "transparent huge pages " + kernel + ": the Java heap in 2 MB pages (" + String.join(" ", JVM_FLAGS)
                + "); libtorch's tensors " + (torch ? "too (" + TORCH_VARIABLE + "=1)"
                        : "in 4 KB pages (" + TORCH_VARIABLE + " not set to 1: run through ./tck, which sets it)");
    }
}
