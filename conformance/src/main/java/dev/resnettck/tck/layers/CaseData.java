package dev.resnettck.tck.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Everything one layer case feeds an implementation: the input, the state_dict values, the mode,
 * and the cotangent for backward. The same values go to the reference and to the implementation.
 */
public record CaseData(float[] input, int[] inputShape, Map<String, float[]> state, List<StateEntry> layout,
                       boolean training, boolean backward, boolean nonContiguous, IntFunction<float[]> cotangents) {

    /** Values for a generated case, drawn from its seed and profile. */
    public static <A> CaseData of(LayerSpec<A> spec, LayerCase<A> c, LayerRun.Mode mode) {
        SplittableRandom rng = new SplittableRandom(c.valueSeed());
        int[] inShape = spec.inputShape().apply(c.args());
        double scale = c.profile() == ValueProfile.LARGE ? 3e3 : c.profile() == ValueProfile.TINY ? 1e-4 : 1;
        float[] x = c.profile().fill(rng, LayerRun.numel(inShape), 1);
        Map<String, float[]> state = new LinkedHashMap<>();
        List<StateEntry> layout = spec.state().apply(c.args());
        for (StateEntry e : layout) {
            state.put(e.key(), e.values(rng, c.profile(), scale));
        }
        long seed = c.valueSeed() ^ 0x5DEECE66DL;
        return new CaseData(x, inShape, state, layout, mode.training(), mode.backward(), mode.nonContiguousInput(),
                size -> ValueProfile.NORMAL.fill(new SplittableRandom(seed), size, 1));
    }

    /** The cotangent backward starts from, for an output of {@code size} elements. */
    public float[] cotangent(int size) {
        return cotangents.apply(size);
    }
}
