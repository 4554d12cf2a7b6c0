package dev.resnettck.tck.builtin;

import dev.resnettck.kernels.opencl.OpenClOptions;
import dev.resnettck.tck.spi.ImplementationProvider;
import dev.resnettck.tck.spi.TckImplementation;
import java.util.List;

/**
 * The three OpenCL builds: "opencl" (double accumulators, IEEE semantics, strict), "opencl-float32"
 * (float accumulators, IEEE semantics: ordinary float32 GPU code) and "opencl-fast-math" (float
 * accumulators, relaxed math, fused multiply-adds: what a speed-first GPU build does; its verdict is
 * whatever the certifying level measures).
 */
public final class OpenClImplementations implements ImplementationProvider {
    @Override
    public List<TckImplementation> implementations() {
        return List.of(new OpenClImplementation("opencl", OpenClOptions.STRICT),
                new OpenClImplementation("opencl-float32", OpenClOptions.FLOAT32),
                new OpenClImplementation("opencl-fast-math", OpenClOptions.FAST_MATH));
    }
}
