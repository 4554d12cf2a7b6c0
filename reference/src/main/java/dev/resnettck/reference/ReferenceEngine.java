package dev.resnettck.reference;

import java.util.Optional;

/**
 * Whether the PyTorch reference can run here, and its versions. Touches DJL only through
 * reflection until it is known to be present, so callers without DJL on the classpath get a reason
 * instead of a {@link NoClassDefFoundError}.
 */
public final class ReferenceEngine {
    private static volatile Optional<String> unavailable;

    private ReferenceEngine() {
    }

    /** Empty when the reference is usable; otherwise why not, in words a user can act on. */
    public static synchronized Optional<String> unavailableReason() {
        if (unavailable == null) {
            unavailable = probe();
        }
        return unavailable;
    }

    public static boolean isAvailable() {
        return unavailableReason().isEmpty();
    }

    private static Optional<String> probe() {
        try {
            Class.forName("ai.djl.engine.Engine");
        } catch (ClassNotFoundException e) {
            return Optional.of("DJL is not on the classpath (ai.djl:api and ai.djl.pytorch:pytorch-engine are needed "
                    + "for live comparisons against PyTorch)");
        }
        setDefault("ai.djl.offline", "true");
        setDefault("ai.djl.pytorch.num_threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
        try {
            return DjlProbe.load();
        } catch (LinkageError | RuntimeException e) {
            return Optional.of("the PyTorch engine did not load: " + e);
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** "DJL 0.36.0, libtorch 2.7.1", or the reason the reference is unavailable. */
    public static String describe() {
        return unavailableReason().map(r -> "unavailable: " + r)
                .orElseGet(() -> "DJL " + DjlProbe.djlVersion() + ", libtorch " + DjlProbe.libtorchVersion());
    }

    public static String djlVersion() {
        requireAvailable();
        return DjlProbe.djlVersion();
    }

    public static String libtorchVersion() {
        requireAvailable();
        return DjlProbe.libtorchVersion();
    }

    static void requireAvailable() {
        unavailableReason().ifPresent(r -> {
            throw new IllegalStateException("the PyTorch reference is unavailable: " + r);
        });
    }
}
