package dev.resnettck.reference;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Whether libtorch's own float32 convolution computes gradients on this CPU: a few small
 * convolutions' input and weight gradients in float32 against float64, where float32 rounding is
 * below 1e-4 of the values' scale. Measured 2026-12-04 on an AMD EPYC (Zen 5) virtual machine:
 * libtorch 2.7.1's oneDNN gave NaN, or input gradients missing whole contributions (errors of half
 * the scale), for convolutions of 1 to 4 input channels; so there libtorch's float32 is a wrong
 * implementation, and a suite that certified it would be miscalibrated.
 */
public final class TorchConvolutionProbe {
    /** (n, c, size, out channels, kernel, stride, padding): few channels, as in the faulty cases. */
    private static final int[][] CASES = {{2, 4, 6, 8, 3, 1, 1}, {2, 3, 9, 5, 3, 1, 1}, {1, 1, 7, 1, 7, 1, 0},
        {2, 2, 5, 3, 2, 1, 1}};
    private static final double LIMIT = 1e-4;

    private TorchConvolutionProbe() {
    }

    /** Empty when libtorch's float32 convolution gradients are float32 rounding here; else the first fault found. */
    public static Optional<String> fault() {
        ReferenceEngine.requireAvailable();
        SplittableRandom r = new SplittableRandom(11);
        for (int[] c : CASES) {
            int n = c[0], ch = c[1], size = c[2], oc = c[3], k = c[4], stride = c[5], pad = c[6];
            int out = (size + 2 * pad - k) / stride + 1;
            float[] x = normal(r, n * ch * size * size);
            float[] w = normal(r, oc * ch * k * k);
            float[] gy = normal(r, n * oc * out * out);
            double[][] exact = gradients(Precision.FLOAT64, x, w, gy, c);
            double[][] float32 = gradients(Precision.FLOAT32, x, w, gy, c);
            for (int g = 0; g < 2; g++) {
                double scale = 0;
                for (double v : exact[g]) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < exact[g].length; i++) {
                    if (!(Math.abs(float32[g][i] - exact[g][i]) <= LIMIT * scale)) {
                        return Optional.of(String.format(java.util.Locale.ROOT,
                                "libtorch's float32 conv2d %s gradient of input (%d, %d, %d, %d), %d output channels, "
                                        + "kernel %d, stride %d, padding %d: element %d is %s, float64 gives %s",
                                g == 0 ? "input" : "weight", n, ch, size, size, oc, k, stride, pad, i, float32[g][i],
                                exact[g][i]));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static double[][] gradients(Precision p, float[] x, float[] w, float[] gy, int[] c) {
        try (TorchSession t = TorchSession.withGradients(p)) {
            RefVar rx = t.variable(x, c[0], c[1], c[2], c[2]);
            RefVar rw = t.variable(w, c[3], c[1], c[4], c[4]);
            t.backward(t.conv2d(rx, rw, null, c[5], c[5], c[6], c[6]), gy);
            return new double[][] {rx.gradient(), rw.gradient()};
        }
    }

    private static float[] normal(SplittableRandom r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }
}
