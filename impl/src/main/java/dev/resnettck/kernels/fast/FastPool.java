package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.PoolGeometry;
import dev.resnettck.kernels.PoolKernels;
import dev.resnettck.tensor.Tensor;

/** Pooling with one task per (image, channel) plane; windows clipped to the input instead of padded. */
public final class FastPool implements PoolKernels {

    @Override
    public Tensor maxPoolForward(Tensor x, PoolGeometry g, int[] argmaxOut) {
        float[] in = x.data();
        int planeIn = g.h() * g.w();
        int planeOut = g.oh() * g.ow();
        float[] out = new float[g.n() * g.c() * planeOut];
        Parallel.forEach(g.n() * g.c(), plane -> {
            int base = plane * planeIn;
            for (int oy = 0; oy < g.oh(); oy++) {
                int y0 = oy * g.sh() - g.ph();
                int yStart = Math.max(y0, 0), yEnd = Math.min(y0 + g.kh(), g.h());
                for (int ox = 0; ox < g.ow(); ox++) {
                    int x0 = ox * g.sw() - g.pw();
                    int xStart = Math.max(x0, 0), xEnd = Math.min(x0 + g.kw(), g.w());
                    // torch: start at -inf pointing at the first in-bounds cell; strictly greater wins; NaN wins
                    float best = Float.NEGATIVE_INFINITY;
                    int bestAt = yStart * g.w() + xStart;
                    search:
                    for (int y = yStart; y < yEnd; y++) {
                        for (int xx = xStart; xx < xEnd; xx++) {
                            float v = in[base + y * g.w() + xx];
                            if (v > best || Float.isNaN(v)) {
                                best = v;
                                bestAt = y * g.w() + xx;
                                if (Float.isNaN(v)) {
                                    break search;
                                }
                            }
                        }
                    }
                    int o = plane * planeOut + oy * g.ow() + ox;
                    out[o] = best;
                    argmaxOut[o] = bestAt;
                }
            }
        });
        return Tensor.of(out, g.outputShape());
    }

    @Override
    public Tensor maxPoolBackward(Tensor gradOutput, PoolGeometry g, int[] argmax) {
        float[] go = gradOutput.data();
        int planeIn = g.h() * g.w();
        int planeOut = g.oh() * g.ow();
        float[] dx = new float[g.n() * g.c() * planeIn];
        Parallel.forEach(g.n() * g.c(), plane -> {
            // windows overlap when stride < kernel: accumulate each input cell in double, output order
            double[] acc = Scratch.doubles(3, planeIn);
            java.util.Arrays.fill(acc, 0, planeIn, 0.0);
            for (int o = 0; o < planeOut; o++) {
                acc[argmax[plane * planeOut + o]] += go[plane * planeOut + o];
            }
            for (int i = 0; i < planeIn; i++) {
                dx[plane * planeIn + i] = (float) acc[i];
            }
        });
        return Tensor.of(dx, g.inputShape());
    }

    @Override
    public Tensor globalAvgPoolForward(Tensor x) {
        int[] s = x.shape();
        float[] in = x.data();
        int plane = s[2] * s[3];
        float[] out = new float[s[0] * s[1]];
        Parallel.forEach(out.length, p -> {
            double sum = 0;
            for (int i = 0; i < plane; i++) {
                sum += in[p * plane + i];
            }
            out[p] = (float) (sum / plane);
        });
        return Tensor.of(out, s[0], s[1], 1, 1);
    }

    @Override
    public Tensor globalAvgPoolBackward(Tensor gradOutput, int h, int w) {
        float[] go = gradOutput.data();
        int plane = h * w;
        float[] dx = new float[go.length * plane];
        Parallel.forEach(go.length, p -> {
            float share = (float) ((double) go[p] / plane);
            java.util.Arrays.fill(dx, p * plane, (p + 1) * plane, share);
        });
        int[] s = gradOutput.shape();
        return Tensor.of(dx, s[0], s[1], h, w);
    }
}
