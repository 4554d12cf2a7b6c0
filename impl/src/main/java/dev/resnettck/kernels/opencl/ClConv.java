package dev.resnettck.kernels.opencl;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.kernels.ConvKernels;
import dev.resnettck.tensor.Tensor;

/** The three convolution passes as tiled implicit GEMMs on the device (resnet.cl). */
final class ClConv implements ConvKernels {
    private final OpenClProgram program;
    private final ResidentWeights weights;

    ClConv(OpenClProgram program, ResidentWeights weights) {
        this.program = program;
        this.weights = weights;
    }

    @Override
    public Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
        synchronized (program.lock()) {
            OpenClDevice d = program.device;
            try (DeviceBuffer x = DeviceBuffer.of(d, input.data());
                 ResidentWeights.Lease w = weights.get(weight);
                 DeviceBuffer b = DeviceBuffer.of(d, bias == null ? new float[0] : bias.data());
                 DeviceBuffer out = DeviceBuffer.floats(d, (long) g.n() * g.oc() * g.oh() * g.ow());
                 DeviceBuffer tapOffset = DeviceBuffer.of(d, tapOffsets(g));
                 DeviceBuffer tapRowCol = DeviceBuffer.of(d, tapRowCols(g))) {
                program.call("conv_forward").buffer(x).buffer(w.buffer()).buffer(b).ints(bias == null ? 0 : 1)
                        .buffer(out).buffer(tapOffset).buffer(tapRowCol).ints(sizes(g)).runTiled((long) g.n() * g.oh() * g.ow(), g.oc());
                return Tensor.of(out.readFloats(), g.outputShape());
            }
        }
    }

    @Override
    public Tensor backwardInput(Tensor gradOutput, Tensor weight, ConvGeometry g) {
        synchronized (program.lock()) {
            OpenClDevice d = program.device;
            try (DeviceBuffer dy = DeviceBuffer.of(d, gradOutput.data());
                 ResidentWeights.Lease w = weights.get(weight);
                 DeviceBuffer dx = DeviceBuffer.floats(d, (long) g.n() * g.c() * g.h() * g.w())) {
                program.call("conv_backward_input").buffer(dy).buffer(w.buffer()).buffer(dx).ints(sizes(g))
                        .runTiled((long) g.n() * g.h() * g.w(), g.c());
                return Tensor.of(dx.readFloats(), g.inputShape());
            }
        }
    }

    @Override
    public Tensor backwardWeight(Tensor gradOutput, Tensor input, ConvGeometry g) {
        synchronized (program.lock()) {
            OpenClDevice d = program.device;
            try (DeviceBuffer dy = DeviceBuffer.of(d, gradOutput.data());
                 DeviceBuffer x = DeviceBuffer.of(d, input.data());
                 DeviceBuffer dw = DeviceBuffer.floats(d, (long) g.oc() * g.c() * g.kh() * g.kw())) {
                program.call("conv_backward_weight").buffer(dy).buffer(x).buffer(dw).ints(sizes(g))
                        .runTiled((long) g.c() * g.kh() * g.kw(), g.oc());
                return Tensor.of(dw.readFloats(), g.weightShape());
            }
        }
    }

    /** For each reduction index k = (ci, i, j): where its tap reads, relative to the window's corner. */
    private static int[] tapOffsets(ConvGeometry g) {
        int[] t = new int[g.c() * g.kh() * g.kw()];
        for (int k = 0; k < t.length; k++) {
            int ci = k / (g.kh() * g.kw()), i = k / g.kw() % g.kh(), j = k % g.kw();
            t[k] = (ci * g.h() + i) * g.w() + j;
        }
        return t;
    }

    /** For each reduction index k = (ci, i, j): {@code i << 16 | j}, for the padding test. */
    private static int[] tapRowCols(ConvGeometry g) {
        int[] t = new int[g.c() * g.kh() * g.kw()];
        for (int k = 0; k < t.length; k++) {
            t[k] = (k / g.kw() % g.kh()) << 16 | k % g.kw();
        }
        return t;
    }

    private static int[] sizes(ConvGeometry g) {
        return new int[] {g.n(), g.c(), g.h(), g.w(), g.oc(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.oh(),
            g.ow()};
    }
}
