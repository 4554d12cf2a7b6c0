package dev.resnettck.tck.bench;

import dev.resnettck.kernels.Backend;
import dev.resnettck.kernels.fast.FastBackend;
import dev.resnettck.kernels.plain.PlainBackend;

/** The contestants of a benchmark: impl's fast and plain kernels, and libtorch through DJL ("torch"). */
final class Implementations {
    private Implementations() {
    }

    static Backend backend(String name) {
        return switch (name) {
            case "fast" -> FastBackend.create();
            case "plain" -> PlainBackend.create();
            default -> throw new IllegalArgumentException("no built-in backend named " + name);
        };
    }

    static float[] normal(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) dev.resnettck.resnet.Init.gaussian(r);
        }
        return v;
    }
}
