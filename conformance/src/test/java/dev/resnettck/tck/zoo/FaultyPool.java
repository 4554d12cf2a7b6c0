package dev.resnettck.tck.zoo;

import dev.resnettck.kernels.PoolGeometry;
import dev.resnettck.kernels.PoolKernels;
import dev.resnettck.kernels.plain.PlainPool;
import dev.resnettck.tensor.Tensor;

/** The plain pooling kernels with one planted fault. */
enum FaultyPool implements PoolKernels {
    /** Max pooling padded with 0 instead of -inf: a window over padding never goes below 0. */
    ZERO_PADDING {
        @Override
        public Tensor maxPoolForward(Tensor x, PoolGeometry g, int[] argmaxOut) {
            Tensor out = PLAIN.maxPoolForward(x, g, argmaxOut);
            float[] v = out.data();
            for (int o = 0; o < v.length; o++) {
                int y = (o / g.ow()) % g.oh(), x0 = o % g.ow();
                boolean touchesPadding = y * g.sh() - g.ph() < 0 || x0 * g.sw() - g.pw() < 0
                        || y * g.sh() - g.ph() + g.kh() > g.h() || x0 * g.sw() - g.pw() + g.kw() > g.w();
                if (touchesPadding && v[o] < 0) {
                    v[o] = 0;
                }
            }
            return out;
        }
    },
    /** Among tied maxima, the gradient goes to the last one instead of torch's first. */
    LAST_OF_TIED_MAXIMA {
        @Override
        public Tensor maxPoolForward(Tensor x, PoolGeometry g, int[] argmaxOut) {
            Tensor out = PLAIN.maxPoolForward(x, g, argmaxOut);
            float[] in = x.contiguous().data();
            float[] v = out.data();
            int plane = g.h() * g.w();
            for (int o = 0; o < v.length; o++) {
                int p = o / (g.oh() * g.ow()), y = (o / g.ow()) % g.oh(), x0 = o % g.ow();
                for (int i = 0; i < g.kh(); i++) {
                    for (int j = 0; j < g.kw(); j++) {
                        int r = y * g.sh() - g.ph() + i, c = x0 * g.sw() - g.pw() + j;
                        if (r >= 0 && r < g.h() && c >= 0 && c < g.w() && in[p * plane + r * g.w() + c] == v[o]) {
                            argmaxOut[o] = r * g.w() + c;
                        }
                    }
                }
            }
            return out;
        }
    },
    /** The global average divides by the height only. */
    AVERAGE_OVER_HEIGHT_ONLY {
        @Override
        public Tensor globalAvgPoolForward(Tensor x) {
            float[] v = PLAIN.globalAvgPoolForward(x).data();
            for (int i = 0; i < v.length; i++) {
                v[i] *= x.size(3);
            }
            return Tensor.of(v, x.size(0), x.size(1), 1, 1);
        }
    },
    /** The head takes the maximum over the plane instead of the mean. */
    GLOBAL_MAX_INSTEAD_OF_AVERAGE {
        @Override
        public Tensor globalAvgPoolForward(Tensor x) {
            float[] in = x.contiguous().data();
            int plane = x.size(2) * x.size(3);
            float[] v = new float[in.length / plane];
            for (int p = 0; p < v.length; p++) {
                float m = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < plane; i++) {
                    m = Math.max(m, in[p * plane + i]);
                }
                v[p] = m;
            }
            return Tensor.of(v, x.size(0), x.size(1), 1, 1);
        }
    };

    static final PlainPool PLAIN = new PlainPool();

    @Override
    public Tensor maxPoolForward(Tensor x, PoolGeometry g, int[] argmaxOut) {
        return PLAIN.maxPoolForward(x, g, argmaxOut);
    }

    @Override
    public Tensor maxPoolBackward(Tensor gradOutput, PoolGeometry g, int[] argmax) {
        return PLAIN.maxPoolBackward(gradOutput, g, argmax);
    }

    @Override
    public Tensor globalAvgPoolForward(Tensor x) {
        return PLAIN.globalAvgPoolForward(x);
    }

    @Override
    public Tensor globalAvgPoolBackward(Tensor gradOutput, int h, int w) {
        return PLAIN.globalAvgPoolBackward(gradOutput, h, w);
    }
}
