package dev.resnettck.reference;

import ai.djl.engine.Engine;
import java.util.Optional;

/** The only place that loads the engine; reached after DJL is known to be on the classpath. */
final class DjlProbe {
    static final String ENGINE = "PyTorch";

    private DjlProbe() {
    }

    static Optional<String> load() {
        Engine engine = Engine.getEngine(ENGINE);
        if (engine == null) {
            return Optional.of("DJL found no PyTorch engine (ai.djl.pytorch:pytorch-engine and pytorch-native-cpu)");
        }
        return Optional.empty();
    }

    static String djlVersion() {
        return Engine.getDjlVersion();
    }

    static String libtorchVersion() {
        return Engine.getEngine(ENGINE).getVersion();
    }
}
