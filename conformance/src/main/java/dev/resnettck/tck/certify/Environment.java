package dev.resnettck.tck.certify;

import dev.resnettck.reference.ReferenceEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The facts about this machine a certificate and a report must carry. */
public final class Environment {
    private Environment() {
    }

    public static Map<String, String> describe() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JDK", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        env.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("CPU", cpuModel() + " (" + Runtime.getRuntime().availableProcessors() + " cores visible)");
        env.put("Reference", ReferenceEngine.describe());
        if (ReferenceEngine.isAvailable()) {
            env.put("DJL", ReferenceEngine.djlVersion());
            env.put("libtorch", ReferenceEngine.libtorchVersion());
            String remade = dev.resnettck.tck.layers.Float32Runs.summary();
            if (remade != null) {
                env.put("float32 reference", remade);
            }
        }
        return env;
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to the architecture
        }
        return System.getProperty("os.arch");
    }
}
