package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.PoolGeometry;
import dev.resnettck.kernels.PoolKernels;
import dev.resnettck.tensor.Tensor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FastPool}'s pooling on channels-last activations (inputs of another layout are made
 * channels-last first; 4-d outputs are channels-last, and so is the argmax a max pool keeps for its
 * backward), with the channels in vector lanes. Each channel sees the same comparisons and sums in
 * the same order as in FastPool, so the results are its results, bit for bit.
 */
public final class ChannelsLastPool implements PoolKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FD = VectorSpecies.of(float.class,
            VectorShape.forBitSize(D.vectorBitSize() / 2));
    /** Channels per max-pool backward task: its double sums for one image are h * w * GROUP. */
    private static final int GROUP = 16;

    /**
     * torch's choice, per channel: start at -inf pointing at the window's first cell inside the input;
     * a strictly greater value wins, a NaN wins over any number, and the first NaN stays.
     */
    @Override
    public Tensor maxPoolForward(Tensor x, PoolGeometry g, int[] argmaxOut) {
        float[] in = x.toChannelsLast().storage();
        int c = g.c();
        float[] out = new float[g.n() * g.oh() * g.ow() * c];
        Parallel.forEach(g.n() * g.oh(), row -> {
            int img = row / g.oh();
            int oy = row % g.oh();
            int y0 = oy * g.sh() - g.ph();
            int yStart = Math.max(y0, 0);
            int yEnd = Math.min(y0 + g.kh(), g.h());
            for (int ox = 0; ox < g.ow(); ox++) {
                int x0 = ox * g.sw() - g.pw();
                int xStart = Math.max(x0, 0);
                int xEnd = Math.min(x0 + g.kw(), g.w());
                int o = (row * g.ow() + ox) * c;
                int ch = 0;
                for (; ch + F.length() <= c; ch += F.length()) {
                    FloatVector best = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
                    IntVector bestAt = IntVector.broadcast(I, yStart * g.w() + xStart);
                    for (int y = yStart; y < yEnd; y++) {
                        for (int xx = xStart; xx < xEnd; xx++) {
                            FloatVector v = FloatVector.fromArray(F, in, ((img * g.h() + y) * g.w() + xx) * c + ch);
                            VectorMask<Float> take = v.compare(VectorOperators.GT, best)
                                    .or(v.test(VectorOperators.IS_NAN).andNot(best.test(VectorOperators.IS_NAN)));
                            best = best.blend(v, take);
                            bestAt = bestAt.blend(y * g.w() + xx, take.cast(I));
                        }
                    }
                    best.intoArray(out, o + ch);
                    bestAt.intoArray(argmaxOut, o + ch);
                }
                for (; ch < c; ch++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int bestAt = yStart * g.w() + xStart;
                    for (int y = yStart; y < yEnd; y++) {
                        for (int xx = xStart; xx < xEnd; xx++) {
                            float v = in[((img * g.h() + y) * g.w() + xx) * c + ch];
                            if (v > best || (Float.isNaN(v) && !Float.isNaN(best))) {
                                best = v;
                                bestAt = y * g.w() + xx;
                            }
                        }
                    }
                    out[o + ch] = best;
                    argmaxOut[o + ch] = bestAt;
                }
            }
        });
        return Tensor.channelsLast(out, g.n(), c, g.oh(), g.ow());
    }

    /** Each input cell sums, in double and in output order, the gradients of the outputs that chose it. */
    @Override
    public Tensor maxPoolBackward(Tensor gradOutput, PoolGeometry g, int[] argmax) {
        float[] go = gradOutput.toChannelsLast().storage();
        int c = g.c();
        int planeIn = g.h() * g.w();
        int planeOut = g.oh() * g.ow();
        float[] dx = new float[g.n() * planeIn * c];
        int groups = (c + GROUP - 1) / GROUP;
        Parallel.forEach(g.n() * groups, task -> {
            int img = task / groups;
            int c0 = task % groups * GROUP;
            int width = Math.min(GROUP, c - c0);
            double[] acc = Scratch.doubles(3, planeIn * width);
            java.util.Arrays.fill(acc, 0, planeIn * width, 0.0);
            for (int o = 0; o < planeOut; o++) {
                int at = (img * planeOut + o) * c + c0;
                for (int l = 0; l < width; l++) {
                    acc[argmax[at + l] * width + l] += go[at + l];
                }
            }
            for (int p = 0; p < planeIn; p++) {
                int to = (img * planeIn + p) * c + c0;
                for (int l = 0; l < width; l++) {
                    dx[to + l] = (float) acc[p * width + l];
                }
            }
        });
        return Tensor.channelsLast(dx, g.n(), c, g.h(), g.w());
    }

    /** The mean of each channel plane: a double sum over its pixels in order, divided once. */
    @Override
    public Tensor globalAvgPoolForward(Tensor x) {
        int[] s = x.shape();
        float[] in = x.toChannelsLast().storage();
        int n = s[0], c = s[1], plane = s[2] * s[3];
        float[] out = new float[n * c];
        Parallel.forEach(n, img -> {
            int ch = 0;
            for (; ch + D.length() <= c; ch += D.length()) {
                DoubleVector sum = DoubleVector.zero(D);
                for (int p = 0; p < plane; p++) {
                    sum = sum.add((DoubleVector) FloatVector.fromArray(FD, in, (img * plane + p) * c + ch)
                            .convertShape(VectorOperators.F2D, D, 0));
                }
                ((FloatVector) sum.div(plane).convertShape(VectorOperators.D2F, FD, 0)).intoArray(out, img * c + ch);
            }
            for (; ch < c; ch++) {
                double sum = 0;
                for (int p = 0; p < plane; p++) {
                    sum += in[(img * plane + p) * c + ch];
                }
                out[img * c + ch] = (float) (sum / plane);
            }
        });
        return Tensor.of(out, n, c, 1, 1);
    }

    @Override
    public Tensor globalAvgPoolBackward(Tensor gradOutput, int h, int w) {
        float[] go = gradOutput.contiguous().data();
        int[] s = gradOutput.shape();
        int n = s[0], c = s[1], plane = h * w;
        float[] dx = new float[n * plane * c];
        Parallel.forEach(n, img -> {
            float[] share = new float[c];
            for (int ch = 0; ch < c; ch++) {
                share[ch] = (float) ((double) go[img * c + ch] / plane);
            }
            for (int p = 0; p < plane; p++) {
                System.arraycopy(share, 0, dx, (img * plane + p) * c, c);
            }
        });
        return Tensor.channelsLast(dx, n, c, h, w);
    }
}
