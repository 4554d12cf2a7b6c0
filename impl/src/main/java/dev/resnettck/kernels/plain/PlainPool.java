package dev.resnettck.kernels.plain;

import dev.resnettck.kernels.PoolGeometry;
import dev.resnettck.kernels.PoolKernels;
import dev.resnettck.tensor.Tensor;

/** Pooling on strided receptive-field views, like {@link PlainConv}. */
public final class PlainPool implements PoolKernels {

    @Override
    public Tensor maxPoolForward(Tensor x, PoolGeometry g, int[] argmaxOut) {
        Tensor padded = PlainOps.pad2d(x, g.ph(), g.pw(), Float.NEGATIVE_INFINITY);
        int hp = g.h() + 2 * g.ph(), wp = g.w() + 2 * g.pw();
        float[] p = padded.storage();
        float[] out = new float[g.n() * g.c() * g.oh() * g.ow()];
        int o = 0;
        for (int plane = 0; plane < g.n() * g.c(); plane++) {
            int base = plane * hp * wp;
            for (int y = 0; y < g.oh(); y++) {
                for (int x0 = 0; x0 < g.ow(); x0++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int bestRow = -1, bestCol = -1;
                    for (int i = 0; i < g.kh(); i++) {
                        for (int j = 0; j < g.kw(); j++) {
                            int row = y * g.sh() + i, col = x0 * g.sw() + j;
                            float v = p[base + row * wp + col];
                            // strictly greater keeps the first of tied maxima; NaN always wins, as in torch
                            if (v > best || Float.isNaN(v) || bestRow < 0) {
                                best = v;
                                bestRow = row;
                                bestCol = col;
                                if (Float.isNaN(v)) {
                                    i = g.kh();
                                    break;
                                }
                            }
                        }
                    }
                    out[o] = best;
                    argmaxOut[o++] = clampToInput(bestRow - g.ph(), g.h()) * g.w() + clampToInput(bestCol - g.pw(), g.w());
                }
            }
        }
        return Tensor.of(out, g.outputShape());
    }

    /** A window made only of padding has -inf as its max; torch then points at its first in-bounds cell. */
    private static int clampToInput(int index, int size) {
        return Math.max(0, Math.min(size - 1, index));
    }

    @Override
    public Tensor maxPoolBackward(Tensor gradOutput, PoolGeometry g, int[] argmax) {
        float[] go = gradOutput.data();
        double[] acc = new double[g.n() * g.c() * g.h() * g.w()];
        int planeOut = g.oh() * g.ow();
        int planeIn = g.h() * g.w();
        for (int o = 0; o < go.length; o++) {
            acc[(o / planeOut) * planeIn + argmax[o]] += go[o];
        }
        float[] dx = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            dx[i] = (float) acc[i];
        }
        return Tensor.of(dx, g.inputShape());
    }

    @Override
    public Tensor globalAvgPoolForward(Tensor x) {
        int[] s = x.shape();
        float[] in = x.data();
        int planes = s[0] * s[1], plane = s[2] * s[3];
        float[] out = new float[planes];
        for (int p = 0; p < planes; p++) {
            double sum = 0;
            for (int i = 0; i < plane; i++) {
                sum += in[p * plane + i];
            }
            out[p] = (float) (sum / plane);
        }
        return Tensor.of(out, s[0], s[1], 1, 1);
    }

    @Override
    public Tensor globalAvgPoolBackward(Tensor gradOutput, int h, int w) {
        float[] go = gradOutput.data();
        int plane = h * w;
        float[] dx = new float[go.length * plane];
        for (int p = 0; p < go.length; p++) {
            float share = (float) ((double) go[p] / plane);
            for (int i = 0; i < plane; i++) {
                dx[p * plane + i] = share;
            }
        }
        int[] s = gradOutput.shape();
        return Tensor.of(dx, s[0], s[1], h, w);
    }
}
