package dev.resnettck.kernels.opencl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * resnet.cl built once for a device with one set of {@link OpenClOptions}; hands out kernel calls.
 * Kernel objects hold their arguments, so calls are serialised: every operation takes
 * {@link #lock()} while it sets arguments, runs and reads back.
 */
final class OpenClProgram {
    static final String SOURCE = "resnet.cl";

    final OpenClDevice device;
    final OpenClOptions options;
    final int tile;
    final String buildOptions;
    private final Map<String, cl_kernel> kernels = new HashMap<>();
    private final cl_program program;

    OpenClProgram(OpenClDevice device, OpenClOptions options, int tile) {
        if (options.float64Accumulation() && !device.supportsFloat64()) {
            throw new IllegalStateException("the OpenCL device " + device.describe()
                    + " lacks cl_khr_fp64, which float64 accumulation needs");
        }
        this.device = device;
        this.options = options;
        this.tile = tile;
        this.buildOptions = options.buildOptions(tile);
        this.program = CL.clCreateProgramWithSource(device.context, 1, new String[] {source()}, null, null);
        try {
            CL.clBuildProgram(program, 0, null, buildOptions, null, null);
        } catch (CLException e) {
            throw new IllegalStateException("building " + SOURCE + " with '" + buildOptions + "' failed on "
                    + device.describe() + ":\n" + buildLog(), e);
        }
    }

    Object lock() {
        return this;
    }

    KernelCall call(String name) {
        cl_kernel kernel = kernels.computeIfAbsent(name, n -> CL.clCreateKernel(program, n, null));
        return new KernelCall(this, kernel, name);
    }

    private String buildLog() {
        long[] size = new long[1];
        CL.clGetProgramBuildInfo(program, device.device, CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] log = new byte[(int) size[0]];
        CL.clGetProgramBuildInfo(program, device.device, CL.CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
        return new String(log, StandardCharsets.UTF_8).trim();
    }

    static String source() {
        try (InputStream in = OpenClProgram.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenCL source " + SOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of one accumulator element on the device. */
    long accBytes() {
        return options.float64Accumulation() ? Sizeof.cl_double : Sizeof.cl_float;
    }

    /** Host doubles as device accumulators (double or float). */
    DeviceBuffer uploadAcc(double[] values) {
        if (options.float64Accumulation()) {
            return DeviceBuffer.of(device, values);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return DeviceBuffer.of(device, f);
    }

    DeviceBuffer allocateAcc(int count) {
        return DeviceBuffer.allocate(device, count * accBytes());
    }

    double[] readAcc(DeviceBuffer buffer) {
        if (options.float64Accumulation()) {
            return buffer.readDoubles();
        }
        float[] f = buffer.readFloats();
        double[] d = new double[f.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
