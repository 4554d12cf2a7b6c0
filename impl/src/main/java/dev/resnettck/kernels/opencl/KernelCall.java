package dev.resnettck.kernels.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;

/** Sets one kernel's arguments in order and enqueues it over a 1-d range or a tiled 2-d range. */
final class KernelCall {
    private final OpenClProgram program;
    private final cl_kernel kernel;
    private final String name;
    private int index;

    KernelCall(OpenClProgram program, cl_kernel kernel, String name) {
        this.program = program;
        this.kernel = kernel;
        this.name = name;
    }

    KernelCall buffer(DeviceBuffer b) {
        CL.clSetKernelArg(kernel, index++, Sizeof.cl_mem, Pointer.to(b.mem));
        return this;
    }

    KernelCall ints(int... values) {
        for (int v : values) {
            CL.clSetKernelArg(kernel, index++, Sizeof.cl_int, Pointer.to(new int[] {v}));
        }
        return this;
    }

    /** A scalar of the accumulator type. */
    KernelCall acc(double value) {
        if (program.options.float64Accumulation()) {
            CL.clSetKernelArg(kernel, index++, Sizeof.cl_double, Pointer.to(new double[] {value}));
        } else {
            CL.clSetKernelArg(kernel, index++, Sizeof.cl_float, Pointer.to(new float[] {(float) value}));
        }
        return this;
    }

    /** One work-item per element of a range of {@code count}, in work-groups the driver picks. */
    void run(long count) {
        if (count > 0) {
            CL.clEnqueueNDRangeKernel(program.device.queue, kernel, 1, null, new long[] {count}, null, 0, null, null);
        }
    }

    /** One work-item per (column, row) of a matrix, in tile x tile work-groups (the range is rounded up). */
    void runTiled(long columns, long rows) {
        if (columns > 0 && rows > 0) {
            long t = program.tile;
            CL.clEnqueueNDRangeKernel(program.device.queue, kernel, 2, null,
                    new long[] {roundUp(columns, t), roundUp(rows, t)}, new long[] {t, t}, 0, null, null);
        }
    }

    private static long roundUp(long value, long multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    @Override
    public String toString() {
        return name;
    }
}
