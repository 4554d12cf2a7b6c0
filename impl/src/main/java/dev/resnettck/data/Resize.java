package dev.resnettck.data;

import dev.resnettck.tensor.Shapes;
import dev.resnettck.tensor.Tensor;

/**
 * torch's {@code interpolate(mode='bilinear', align_corners=False, antialias=True)}, which is what
 * torchvision's {@code Resize} does to tensors (and what PIL's bilinear resize does): a separable
 * triangle filter whose support widens with the downscaling factor. Computed in double.
 */
public final class Resize {
    private Resize() {
    }

    /** Resizes every (H, W) plane of a (..., H, W) tensor to (outH, outW). */
    public static Tensor bilinear(Tensor x, int outH, int outW) {
        Shapes.requirePositive(outH, "resize height");
        Shapes.requirePositive(outW, "resize width");
        int[] s = x.shape();
        int h = s[s.length - 2], w = s[s.length - 1];
        int planes = x.numel() / (h * w);
        float[] in = x.data();
        Taps rows = Taps.of(h, outH);
        Taps cols = Taps.of(w, outW);
        float[] out = new float[planes * outH * outW];
        double[] horizontal = new double[h * outW];
        for (int p = 0; p < planes; p++) {
            int base = p * h * w;
            for (int y = 0; y < h; y++) {
                for (int ox = 0; ox < outW; ox++) {
                    double sum = 0;
                    for (int j = 0; j < cols.size[ox]; j++) {
                        sum += cols.weight[ox][j] * in[base + y * w + cols.min[ox] + j];
                    }
                    horizontal[y * outW + ox] = sum;
                }
            }
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    double sum = 0;
                    for (int j = 0; j < rows.size[oy]; j++) {
                        sum += rows.weight[oy][j] * horizontal[(rows.min[oy] + j) * outW + ox];
                    }
                    out[(p * outH + oy) * outW + ox] = (float) sum;
                }
            }
        }
        int[] outShape = s.clone();
        outShape[s.length - 2] = outH;
        outShape[s.length - 1] = outW;
        return Tensor.of(out, outShape);
    }

    /** For each output index: the first input index, how many inputs, and their normalised weights. */
    private record Taps(int[] min, int[] size, double[][] weight) {
        static Taps of(int in, int out) {
            double scale = (double) in / out;
            double support = scale >= 1 ? scale : 1;
            double invScale = scale >= 1 ? 1 / scale : 1;
            int[] min = new int[out];
            int[] size = new int[out];
            double[][] weight = new double[out][];
            for (int i = 0; i < out; i++) {
                double center = scale * (i + 0.5);
                min[i] = Math.max((int) (center - support + 0.5), 0);
                size[i] = Math.min((int) (center + support + 0.5), in) - min[i];
                weight[i] = new double[size[i]];
                double total = 0;
                for (int j = 0; j < size[i]; j++) {
                    double d = Math.abs((j + min[i] - center + 0.5) * invScale);
                    weight[i][j] = d < 1 ? 1 - d : 0;
                    total += weight[i][j];
                }
                for (int j = 0; j < size[i] && total != 0; j++) {
                    weight[i][j] /= total;
                }
            }
            return new Taps(min, size, weight);
        }
    }
}
