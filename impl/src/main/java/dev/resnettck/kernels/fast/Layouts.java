package dev.resnettck.kernels.fast;

/**
 * A copy of an (n, c, h, w) tensor in the order that makes a weight-gradient panel row contiguous
 * floats. One pass over the input per call, against panels that read each element once per tap.
 */
final class Layouts {
    private Layouts() {
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
