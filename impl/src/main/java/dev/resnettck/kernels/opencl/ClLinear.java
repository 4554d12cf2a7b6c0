package dev.resnettck.kernels.opencl;

import dev.resnettck.kernels.LinearKernels;
import dev.resnettck.tensor.Tensor;

/** Linear's three passes as one strided, tiled GEMM kernel. */
final class ClLinear implements LinearKernels {
    private final OpenClProgram program;
    private final ResidentWeights weights;

    ClLinear(OpenClProgram program, ResidentWeights weights) {
        this.program = program;
        this.weights = weights;
    }

    @Override
    public Tensor forward(Tensor x, Tensor weight, Tensor bias) {
        int in = weight.size(1), out = weight.size(0), rows = x.numel() / in;
        synchronized (program.lock()) {
            OpenClDevice d = program.device;
            try (DeviceBuffer a = DeviceBuffer.of(d, x.data());
                 ResidentWeights.Lease w = weights.get(weight);
                 DeviceBuffer b = DeviceBuffer.of(d, bias == null ? new float[0] : bias.data());
                 DeviceBuffer y = DeviceBuffer.floats(d, (long) rows * out)) {
                // C (rows, out) = x (rows, in) * weight^T: B (k = in, n = out) reads weight[n][k]
                gemm(a, in, 1, w.buffer(), 1, in, b, bias != null, y, rows, out, in);
                return Tensor.of(y.readFloats(), outputShape(x.shape(), out));
            }
        }
    }

    @Override
    public Tensor backwardInput(Tensor gradOutput, Tensor weight) {
        int in = weight.size(1), out = weight.size(0), rows = gradOutput.numel() / out;
        synchronized (program.lock()) {
            OpenClDevice d = program.device;
            try (DeviceBuffer dy = DeviceBuffer.of(d, gradOutput.data());
                 ResidentWeights.Lease w = weights.get(weight);
                 DeviceBuffer dx = DeviceBuffer.floats(d, (long) rows * in)) {
                gemm(dy, out, 1, w.buffer(), in, 1, dy, false, dx, rows, in, out);
                return Tensor.of(dx.readFloats(), outputShape(gradOutput.shape(), in));
            }
        }
    }

    @Override
    public Tensor backwardWeight(Tensor gradOutput, Tensor x) {
        int out = gradOutput.shape()[gradOutput.dim() - 1], in = x.shape()[x.dim() - 1], rows = x.numel() / in;
        synchronized (program.lock()) {
            OpenClDevice d = program.device;
            try (DeviceBuffer dy = DeviceBuffer.of(d, gradOutput.data());
                 DeviceBuffer a = DeviceBuffer.of(d, x.data());
                 DeviceBuffer dw = DeviceBuffer.floats(d, (long) out * in)) {
                // dW (out, in) = dy^T (out, rows) * x (rows, in)
                gemm(dy, 1, out, a, in, 1, dy, false, dw, out, in, rows);
                return Tensor.of(dw.readFloats(), out, in);
            }
        }
    }

    private void gemm(DeviceBuffer a, int sam, int sak, DeviceBuffer b, int sbk, int sbn, DeviceBuffer bias,
                      boolean hasBias, DeviceBuffer c, int m, int n, int k) {
        program.call("gemm").buffer(a).ints(sam, sak).buffer(b).ints(sbk, sbn).buffer(bias).ints(hasBias ? 1 : 0)
                .buffer(c).ints(m, n, k).runTiled(n, m);
    }

    private static int[] outputShape(int[] leading, int last) {
        int[] shape = leading.clone();
        shape[shape.length - 1] = last;
        return shape;
    }
}
