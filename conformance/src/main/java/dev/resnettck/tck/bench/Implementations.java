package dev.resnettck.tck.bench;

import dev.resnettck.kernels.Backend;
import dev.resnettck.kernels.fast.FastBackend;
import dev.resnettck.kernels.opencl.OpenClBackend;
import dev.resnettck.kernels.opencl.OpenClOptions;
import dev.resnettck.kernels.plain.PlainBackend;

/** The contestants of a benchmark: impl's fast, plain and OpenCL kernels, and libtorch through DJL ("torch"). */
final class Implementations {
    private Implementations() {
    }

    static Backend backend(String name) {
        return switch (name) {
            case "fast" -> FastBackend.create();
            case "fast-float64" -> FastBackend.create(dev.resnettck.kernels.fast.Accumulation.FLOAT64);
            case "plain" -> PlainBackend.create();
            case "opencl" -> OpenClBackend.create(OpenClOptions.STRICT);
            case "opencl-fast-math" -> OpenClBackend.create(OpenClOptions.FAST_MATH);
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
