package dev.resnettck.kernels.opencl;

import dev.resnettck.kernels.Backend;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OpenCL kernels as one backend, on {@link OpenClDevice#shared()}. Check
 * {@link OpenClDevice#unavailableReason()} first: creating one without a device throws.
 */
public final class OpenClBackend {
    private OpenClBackend() {
    }

    public static Backend create(OpenClOptions options) {
        return create(options, OpenClDevice.shared().tile());
    }

    /** With an explicit work-group tile; results do not depend on it (each sum runs in k order). */
    public static Backend create(OpenClOptions options, int tile) {
        OpenClProgram program = new OpenClProgram(OpenClDevice.shared(), options, tile);
        ResidentWeights weights = new ResidentWeights(program.device);
        return new Backend("opencl-" + options.accumulation(), new ClConv(program, weights), new ClBatchNorm(program),
                new ClPool(program), new ClLinear(program, weights));
    }

    /** What changes the numerics on this device with these options, for certificates. */
    public static Map<String, String> configuration(OpenClOptions options) {
        OpenClDevice device = OpenClDevice.shared();
        Map<String, String> c = new LinkedHashMap<>();
        c.put("device", device.describe());
        c.put("compiler options", options.buildOptions(device.tile()));
        c.put("accumulation", options.accumulation());
        c.put("work-group tile", device.tile() + " x " + device.tile());
        return c;
    }
}
