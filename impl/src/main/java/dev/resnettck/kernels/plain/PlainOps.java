package dev.resnettck.kernels.plain;

import dev.resnettck.tensor.Tensor;
import java.util.Arrays;

/** Small helpers the plain kernels share. */
final class PlainOps {
    private PlainOps() {
    }

    /** A compact copy of {@code input} (n, c, h, w) with {@code ph} rows and {@code pw} columns of {@code fill} on each side. */
    static Tensor pad2d(Tensor input, int ph, int pw, float fill) {
        int[] s = input.shape();
        int n = s[0], c = s[1], h = s[2], w = s[3];
        int hp = h + 2 * ph, wp = w + 2 * pw;
        float[] out = new float[n * c * hp * wp];
        if (fill != 0f) {
            Arrays.fill(out, fill);
        }
        float[] src = input.storage();
        int[] st = input.strides();
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    int row = ((b * c + ch) * hp + y + ph) * wp + pw;
                    int from = input.offset() + b * st[0] + ch * st[1] + y * st[2];
                    for (int x = 0; x < w; x++) {
                        out[row + x] = src[from + x * st[3]];
                    }
                }
            }
        }
        return Tensor.of(out, n, c, hp, wp);
    }
}
