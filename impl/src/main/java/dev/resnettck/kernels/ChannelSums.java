package dev.resnettck.kernels;

import dev.resnettck.tensor.Tensor;

/** Per-channel sums of an (n, c, h, w) tensor in double: the bias gradient of a convolution. */
public final class ChannelSums {
    private ChannelSums() {
    }

    public static float[] of(Tensor nchw) {
        int[] s = nchw.shape();
        float[] in = nchw.data();
        int n = s[0], c = s[1], plane = s[2] * s[3];
        float[] sums = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int b = 0; b < n; b++) {
                int at = (b * c + ch) * plane;
                for (int i = 0; i < plane; i++) {
                    sum += in[at + i];
                }
            }
            sums[ch] = (float) sum;
        }
        return sums;
    }
}
