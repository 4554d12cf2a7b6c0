package dev.resnettck.tck.builtin;

import dev.resnettck.kernels.opencl.OpenClBackend;
import dev.resnettck.kernels.opencl.OpenClDevice;
import dev.resnettck.kernels.opencl.OpenClOptions;
import dev.resnettck.layers.BuiltinLayers;
import dev.resnettck.nn.LayerFactories;
import dev.resnettck.tck.spi.TckImplementation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * impl's layers on the OpenCL kernels, built with one set of {@link OpenClOptions}. The device is
 * opened and the program built on first use, so listing implementations never touches OpenCL.
 */
public final class OpenClImplementation implements TckImplementation {
    private final String name;
    private final OpenClOptions options;
    private LayerFactories layers;

    public OpenClImplementation(String name, OpenClOptions options) {
        this.name = name;
        this.options = options;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return BuiltinVersion.get();
    }

    @Override
    public String description() {
        return "resnet-tck impl, OpenCL kernels (one work-item per output, local-memory tiles), "
                + options.accumulation() + " accumulation, options '" + options.compilerFlags() + "'";
    }

    @Override
    public Optional<String> unavailableReason() {
        Optional<String> reason = OpenClDevice.unavailableReason();
        if (reason.isEmpty() && options.float64Accumulation() && !OpenClDevice.shared().supportsFloat64()) {
            return Optional.of("the OpenCL device " + OpenClDevice.shared().describe()
                    + " lacks cl_khr_fp64, which float64 accumulation needs");
        }
        return reason;
    }

    @Override
    public synchronized LayerFactories layers() {
        if (layers == null) {
            layers = BuiltinLayers.factories(OpenClBackend.create(options));
        }
        return layers;
    }

    @Override
    public Map<String, String> configuration() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("accumulation", options.accumulation());
        c.put("compiler flags", options.compilerFlags());
        Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            c.put("unavailable", reason.get());
        } else {
            c.putAll(OpenClBackend.configuration(options));
        }
        return c;
    }
}
