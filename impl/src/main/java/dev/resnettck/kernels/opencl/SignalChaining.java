package dev.resnettck.kernels.opencl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the JVM runs with signal chaining ({@code libjsig}). The JVM handles SIGSEGV itself
 * (safepoint polls, implicit null checks). An OpenCL compiler built on LLVM, PoCL's among them,
 * installs its own SIGSEGV handler the first time it writes a compiled kernel (a cold kernel
 * cache), and from then on the JVM's next ordinary SIGSEGV kills the process with "Segmentation
 * fault", in code that has nothing to do with OpenCL. With libjsig preloaded the JVM keeps its
 * handler first and chains to the compiler's, as the JDK's documentation on signal chaining says.
 */
final class SignalChaining {
    /** The library, relative to the JDK. */
    static final String LIBRARY = "lib/libjsig.so";

    private SignalChaining() {
    }

    /** Why the OpenCL implementation must not start in this JVM, or empty when it may. */
    static Optional<String> missing() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty(); // not Linux: no way to tell, and no known crash to prevent
        }
        try {
            if (Files.readString(maps).contains("libjsig")) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.of("cannot read " + maps + " to check for signal chaining: " + e);
        }
        String lib = Path.of(System.getProperty("java.home"), LIBRARY).toString();
        return Optional.of("this JVM runs without signal chaining, and the OpenCL compiler would replace the JVM's "
                + "signal handlers (the JVM then dies later with a segmentation fault); start java with "
                + "LD_PRELOAD=" + lib + " (./tck and the Maven build do)");
    }
}
