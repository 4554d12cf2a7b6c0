package dev.resnettck.tck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * 2 MB memory pages for the Java heap in the benchmark's forks, where the kernel's transparent huge pages
 * allow them ("always" or "madvise"): the JVM asks for them with {@code -XX:+UseTransparentHugePages}.
 * With 4 KB pages a layer's activations span thousands of pages. Measured with JMH, one fork each, forks
 * alternating, Intel Xeon: fast's ResNet50 inference at batch 8 464 and 446 -> 432 and 420 ms, its gate
 * training step 120 and 116 -> 103 and 111 ms. Only the benchmark's forks ask for them: a JVM that lives
 * long and allocates much (mvn verify's test forks, a whole certification) spent more system time with
 * them and ran no faster (see the pom). Where the kernel says "never", the JVM falls back to 4 KB pages
 * silently ({@code -Xlog:pagesize=off} drops its warning).
 *
 * <p>libtorch runs with its default allocator, 4 KB pages. Its CPU allocator asks for huge pages for
 * tensors of 2 MB and more when {@code THP_MEM_ALLOC_ENABLE=1} is in the environment; {@code ./tck bench}
 * set it for one run (2026-12-07), and libtorch's large-tensor lines came out slower and erratic: JMH,
 * forks alternating without and with it, 4 iterations each: 64->256 1x1 @56 forward+backward 50-68
 * against 75-186 ms, the 7x7 stem's forward+backward 98-117 against 126-262 ms, 64->64 3x3 @56 forward
 * 7.6-8.4 against 9.4-13.4 ms (the 64->256 1x1 @56 forward went the other way, 17.0-19.4 against
 * 8.6-24.6 ms, and the gate's training step 205 and 203 -> 195 and 191 ms). A user's own setting is
 * passed on to the forks and named in the header.
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
                + "); libtorch's tensors " + (torch ? "too (" + TORCH_VARIABLE + "=1, set in the environment)"
                        : "in its default 4 KB pages (" + TORCH_VARIABLE + " not set: with it, libtorch's large-tensor"
                                + " layers ran slower and erratic)");
    }
}
