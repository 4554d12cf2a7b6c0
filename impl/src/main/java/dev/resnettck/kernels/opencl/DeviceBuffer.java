package dev.resnettck.kernels.opencl;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/** One device allocation, released on close. Reads block until the queue has produced the data. */
final class DeviceBuffer implements AutoCloseable {
    final cl_mem mem;
    private final OpenClDevice device;
    private final long bytes;

    private DeviceBuffer(OpenClDevice device, cl_mem mem, long bytes) {
        this.device = device;
        this.mem = mem;
        this.bytes = bytes;
    }

    static DeviceBuffer of(OpenClDevice device, float[] host) {
        return copy(device, Pointer.to(host), (long) host.length * Sizeof.cl_float);
    }

    static DeviceBuffer of(OpenClDevice device, int[] host) {
        return copy(device, Pointer.to(host), (long) host.length * Sizeof.cl_int);
    }

    static DeviceBuffer of(OpenClDevice device, double[] host) {
        return copy(device, Pointer.to(host), (long) host.length * Sizeof.cl_double);
    }

    private static DeviceBuffer copy(OpenClDevice device, Pointer host, long bytes) {
        if (bytes == 0) {
            return allocate(device, 0); // OpenCL has no empty buffers; kernels never read this one
        }
        return new DeviceBuffer(device, CL.clCreateBuffer(device.context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, bytes,
                host, null), bytes);
    }

    /** An uninitialised buffer of at least one byte. */
    static DeviceBuffer allocate(OpenClDevice device, long bytes) {
        long size = Math.max(bytes, Sizeof.cl_double);
        return new DeviceBuffer(device, CL.clCreateBuffer(device.context, CL_MEM_READ_WRITE, size, null, null), bytes);
    }

    static DeviceBuffer floats(OpenClDevice device, long count) {
        return allocate(device, count * Sizeof.cl_float);
    }

    int numelFloats() {
        return (int) (bytes / Sizeof.cl_float);
    }

    float[] readFloats() {
        float[] out = new float[(int) (bytes / Sizeof.cl_float)];
        if (out.length > 0) {
            CL.clEnqueueReadBuffer(device.queue, mem, CL_TRUE, 0, bytes, Pointer.to(out), 0, null, null);
        }
        return out;
    }

    int[] readInts() {
        int[] out = new int[(int) (bytes / Sizeof.cl_int)];
        if (out.length > 0) {
            CL.clEnqueueReadBuffer(device.queue, mem, CL_TRUE, 0, bytes, Pointer.to(out), 0, null, null);
        }
        return out;
    }

    double[] readDoubles() {
        double[] out = new double[(int) (bytes / Sizeof.cl_double)];
        if (out.length > 0) {
            CL.clEnqueueReadBuffer(device.queue, mem, CL_TRUE, 0, bytes, Pointer.to(out), 0, null, null);
        }
        return out;
    }

    @Override
    public void close() {
        CL.clReleaseMemObject(mem);
    }
}
