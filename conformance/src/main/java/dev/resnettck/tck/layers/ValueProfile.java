package dev.resnettck.tck.layers;

import java.util.SplittableRandom;

/**
 * The value ranges cases draw from: ordinary, large and tiny magnitudes, exact zeros and negative
 * zeros, and small integers that make ties (for max pooling) and exact sums.
 */
public enum ValueProfile {
    NORMAL {
        @Override
        float next(SplittableRandom r, double scale) {
            return (float) (gaussian(r) * scale);
        }
    },
    LARGE {
        @Override
        float next(SplittableRandom r, double scale) {
            return (float) (gaussian(r) * scale * 3e3);
        }
    },
    TINY {
        @Override
        float next(SplittableRandom r, double scale) {
            return (float) (gaussian(r) * scale * 1e-4);
        }
    },
    ZEROS {
        @Override
        float next(SplittableRandom r, double scale) {
            double u = r.nextDouble();
            return u < 0.2 ? 0f : u < 0.4 ? -0f : (float) (gaussian(r) * scale);
        }
    },
    TIES {
        @Override
        float next(SplittableRandom r, double scale) {
            int k = r.nextInt(-2, 3);
            return k == 0 && r.nextBoolean() ? -0f : k;
        }
    };

    abstract float next(SplittableRandom r, double scale);

    public float[] fill(SplittableRandom r, int n, double scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = next(r, scale);
        }
        return out;
    }

    static double gaussian(SplittableRandom r) {
        // Box-Muller from two uniforms: the same numbers on every JVM for the same seed.
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
