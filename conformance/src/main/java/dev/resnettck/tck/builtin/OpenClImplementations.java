package dev.resnettck.tck.builtin;

import dev.resnettck.kernels.opencl.OpenClOptions;
import dev.resnettck.tck.spi.ImplementationProvider;
import dev.resnettck.tck.spi.TckImplementation;
import java.util.List;

/**
 * The two OpenCL builds: "opencl" (strict: double accumulators, IEEE semantics, meant to conform)
 * and "opencl-fast-math" (float accumulators, relaxed math, fused multiply-adds: what a speed-first
 * GPU build does; the suite shows which rules that costs).
 */
public final class OpenClImplementations implements ImplementationProvider {
    @Override
    public List<TckImplementation> implementations() {
        return List.of(new OpenClImplementation("opencl", OpenClOptions.STRICT),
                new OpenClImplementation("opencl-fast-math", OpenClOptions.FAST_MATH));
    }
}
