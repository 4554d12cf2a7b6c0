package dev.resnettck.kernels.fast;

/**
 * Copies of an (n, c, h, w) tensor in the orders that make a GEMM panel row 16 contiguous floats.
 * One pass over the input per call, against panels that read each element once per kernel tap.
 */
final class Layouts {
    private Layouts() {
    }

    /** [position][channel][image]: panels over 16 images at one position and channel. */
    static float[] positionChannelImage(float[] x, int n, int c, int positions) {
        float[] out = new float[x.length];
        Parallel.forEach(positions, q -> {
            for (int ch = 0; ch < c; ch++) {
                int to = (q * c + ch) * n;
                for (int b = 0; b < n; b++) {
                    out[to + b] = x[(b * c + ch) * positions + q];
                }
            }
        });
        return out;
    }

    /** [position][image][channel]: panels over 16 channels of one image at one position. */
    static float[] positionImageChannel(float[] x, int n, int c, int positions) {
        float[] out = new float[x.length];
        Parallel.forEach(positions, q -> {
            for (int b = 0; b < n; b++) {
                int to = (q * n + b) * c;
                for (int ch = 0; ch < c; ch++) {
                    out[to + ch] = x[(b * c + ch) * positions + q];
                }
            }
        });
        return out;
    }
}
