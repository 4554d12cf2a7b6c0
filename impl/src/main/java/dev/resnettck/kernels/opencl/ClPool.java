package dev.resnettck.kernels.opencl;

import dev.resnettck.kernels.PoolGeometry;
import dev.resnettck.kernels.PoolKernels;
import dev.resnettck.tensor.Tensor;

/** Max pooling (argmax kept on the host for the backward pass) and global average pooling. */
final class ClPool implements PoolKernels {
    private final OpenClProgram program;

    ClPool(OpenClProgram program) {
        this.program = program;
    }

    @Override
    public Tensor maxPoolForward(Tensor x, PoolGeometry g, int[] argmaxOut) {
        int outputs = g.n() * g.c() * g.oh() * g.ow();
        synchronized (program.lock()) {
            OpenClDevice d = program.device;
            try (DeviceBuffer in = DeviceBuffer.of(d, x.data());
                 DeviceBuffer y = DeviceBuffer.floats(d, outputs);
                 DeviceBuffer argmax = DeviceBuffer.allocate(d, (long) outputs * Integer.BYTES)) {
                program.call("maxpool_forward").buffer(in).buffer(y).buffer(argmax).ints(sizes(g)).run(outputs);
                System.arraycopy(argmax.readInts(), 0, argmaxOut, 0, outputs);
                return Tensor.of(y.readFloats(), g.outputShape());
            }
        }
    }

    @Override
    public Tensor maxPoolBackward(Tensor gradOutput, PoolGeometry g, int[] argmax) {
        int inputs = g.n() * g.c() * g.h() * g.w();
        synchronized (program.lock()) {
            OpenClDevice d = program.device;
            try (DeviceBuffer dy = DeviceBuffer.of(d, gradOutput.data());
                 DeviceBuffer index = DeviceBuffer.of(d, argmax);
                 DeviceBuffer dx = DeviceBuffer.floats(d, inputs)) {
                program.call("maxpool_backward").buffer(dy).buffer(index).buffer(dx).ints(sizes(g)).run(inputs);
                return Tensor.of(dx.readFloats(), g.inputShape());
            }
        }
    }

    private static int[] sizes(PoolGeometry g) {
        return new int[] {g.n() * g.c(), g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.oh(), g.ow()};
    }

    @Override
    public Tensor globalAvgPoolForward(Tensor x) {
        int[] s = x.shape();
        int planes = s[0] * s[1], plane = s[2] * s[3];
        synchronized (program.lock()) {
            OpenClDevice d = program.device;
            try (DeviceBuffer in = DeviceBuffer.of(d, x.data());
                 DeviceBuffer y = DeviceBuffer.floats(d, planes)) {
                program.call("avgpool_forward").buffer(in).buffer(y).ints(planes, plane).run(planes);
                return Tensor.of(y.readFloats(), s[0], s[1], 1, 1);
            }
        }
    }

    @Override
    public Tensor globalAvgPoolBackward(Tensor gradOutput, int h, int w) {
        int[] s = gradOutput.shape();
        int total = gradOutput.numel() * h * w;
        synchronized (program.lock()) {
            OpenClDevice d = program.device;
            try (DeviceBuffer dy = DeviceBuffer.of(d, gradOutput.data());
                 DeviceBuffer dx = DeviceBuffer.floats(d, total)) {
                program.call("avgpool_backward").buffer(dy).buffer(dx).ints(h * w, total).run(total);
                return Tensor.of(dx.readFloats(), s[0], s[1], h, w);
            }
        }
    }
}
