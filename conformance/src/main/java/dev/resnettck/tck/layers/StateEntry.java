package dev.resnettck.tck.layers;

import java.util.SplittableRandom;

/**
 * One entry of a layer's expected state_dict: torch's key, shape, whether it is a trainable
 * parameter, and how the suite fills it for a case.
 */
public record StateEntry(String key, int[] shape, Kind kind, int fanIn) {

    /** How values are drawn, per torch's meaning of the entry. */
    public enum Kind {
        WEIGHT, BIAS, GAMMA, BETA, RUNNING_MEAN, RUNNING_VAR,
        /** {@code num_batches_tracked}: incremented once per training-mode forward. */
        COUNT
    }

    public static StateEntry weight(String key, int fanIn, int... shape) {
        return new StateEntry(key, shape, Kind.WEIGHT, fanIn);
    }

    public static StateEntry of(String key, Kind kind, int... shape) {
        return new StateEntry(key, shape, kind, 1);
    }

    public boolean isParameter() {
        return kind == Kind.WEIGHT || kind == Kind.BIAS || kind == Kind.GAMMA || kind == Kind.BETA;
    }

    public StateEntry prefixed(String prefix) {
        return new StateEntry(prefix + key, shape, kind, fanIn);
    }

    int numel() {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** Values for this entry; the input profile sets the scale of running statistics. */
    float[] values(SplittableRandom r, ValueProfile profile, double inputScale) {
        float[] v = new float[numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (kind) {
                case WEIGHT -> profile == ValueProfile.TIES ? r.nextInt(-1, 2)
                        : (float) (ValueProfile.gaussian(r) / Math.sqrt(fanIn));
                case BIAS, BETA -> (float) (ValueProfile.gaussian(r) * 0.5 * (profile == ValueProfile.TIES ? 2 : 1));
                case GAMMA -> (float) ((r.nextBoolean() ? 1 : -1) * (0.5 + r.nextDouble()));
                case RUNNING_MEAN -> (float) (ValueProfile.gaussian(r) * inputScale);
                case RUNNING_VAR -> (float) ((0.25 + 2 * r.nextDouble()) * inputScale * inputScale);
                case COUNT -> r.nextInt(0, 100);
            };
        }
        return v;
    }
}
