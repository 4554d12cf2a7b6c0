package dev.resnettck.kernels.opencl;

import dev.resnettck.kernels.BatchNormKernels;
import dev.resnettck.tensor.Tensor;

/** Batch normalisation: per-channel reductions (one work-item per channel), element-wise passes. */
final class ClBatchNorm implements BatchNormKernels {
    private final OpenClProgram program;

    ClBatchNorm(OpenClProgram program) {
        this.program = program;
    }

    @Override
    public Tensor forwardTraining(Tensor x, float[] gamma, float[] beta, double eps, BatchStats statsOut) {
        int[] s = x.shape();
        int n = s[0], c = s[1], plane = s[2] * s[3];
        synchronized (program.lock()) {
            OpenClDevice d = program.device;
            try (DeviceBuffer in = DeviceBuffer.of(d, x.data());
                 DeviceBuffer mean = program.allocateAcc(c);
                 DeviceBuffer var = program.allocateAcc(c)) {
                program.call("bn_stats").buffer(in).buffer(mean).buffer(var).ints(n, c, plane).run(c);
                double[] m = program.readAcc(mean);
                double[] v = program.readAcc(var);
                System.arraycopy(m, 0, statsOut.mean(), 0, c);
                System.arraycopy(v, 0, statsOut.variance(), 0, c);
                return apply(in, mean, var, gamma, beta, eps, s);
            }
        }
    }

    @Override
    public Tensor forwardEval(Tensor x, float[] gamma, float[] beta, float[] runningMean, float[] runningVar,
                              double eps) {
        synchronized (program.lock()) {
            OpenClDevice d = program.device;
            try (DeviceBuffer in = DeviceBuffer.of(d, x.data());
                 DeviceBuffer mean = program.uploadAcc(widen(runningMean));
                 DeviceBuffer var = program.uploadAcc(widen(runningVar))) {
                return apply(in, mean, var, gamma, beta, eps, x.shape());
            }
        }
    }

    private Tensor apply(DeviceBuffer in, DeviceBuffer mean, DeviceBuffer var, float[] gamma, float[] beta, double eps,
                         int[] s) {
        OpenClDevice d = program.device;
        int total = in.numelFloats();
        try (DeviceBuffer g = DeviceBuffer.of(d, gamma);
             DeviceBuffer b = DeviceBuffer.of(d, beta);
             DeviceBuffer y = DeviceBuffer.floats(d, total)) {
            program.call("bn_apply").buffer(in).buffer(mean).buffer(var).buffer(g).buffer(b).acc(eps).buffer(y)
                    .ints(s[1], s[2] * s[3], total).run(total);
            return Tensor.of(y.readFloats(), s);
        }
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tensor x, float[] gamma, BatchStats stats, double eps, boolean training,
                           float[] gradGammaOut, float[] gradBetaOut) {
        int[] s = x.shape();
        int n = s[0], c = s[1], plane = s[2] * s[3], total = n * c * plane;
        synchronized (program.lock()) {
            OpenClDevice d = program.device;
            try (DeviceBuffer dy = DeviceBuffer.of(d, gradOutput.data());
                 DeviceBuffer in = DeviceBuffer.of(d, x.data());
                 DeviceBuffer mean = program.uploadAcc(stats.mean());
                 DeviceBuffer var = program.uploadAcc(stats.variance());
                 DeviceBuffer g = DeviceBuffer.of(d, gamma);
                 DeviceBuffer sumDy = program.allocateAcc(c);
                 DeviceBuffer sumDyXhat = program.allocateAcc(c);
                 DeviceBuffer dx = DeviceBuffer.floats(d, total)) {
                program.call("bn_backward_sums").buffer(dy).buffer(in).buffer(mean).buffer(var).acc(eps).buffer(sumDy)
                        .buffer(sumDyXhat).ints(n, c, plane).run(c);
                program.call("bn_backward_input").buffer(dy).buffer(in).buffer(mean).buffer(var).buffer(g).acc(eps)
                        .buffer(sumDy).buffer(sumDyXhat).ints(training ? 1 : 0).buffer(dx).ints(n, c, plane, total)
                        .run(total);
                double[] sd = program.readAcc(sumDy);
                double[] sdx = program.readAcc(sumDyXhat);
                for (int ch = 0; ch < c; ch++) {
                    gradBetaOut[ch] = (float) sd[ch];
                    gradGammaOut[ch] = (float) sdx[ch];
                }
                return Tensor.of(dx.readFloats(), s);
            }
        }
    }

    private static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
