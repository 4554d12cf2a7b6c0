package dev.resnettck.tck.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A composed case whose input and state values are each moved by one ulp, up or down at random (seeded by
 * the case, so the same case always gets the same perturbation), for a third float32 reference
 * run that samples the composition's conditioning. In a composition, each layer's float32 rounding
 * is a ulp-level change of the next layer's input, so a correct float32 implementation can be off
 * by as much as the rest of the composition amplifies such a change. Where a composition is
 * ill-conditioned (training-mode batch norm over two to four values per channel, three blocks
 * deep), that amplification is much larger than libtorch's own rounding happens to show (measured: a block group at seed 19 needed 61 times libtorch's error
 * in a blocked float32 build, though libtorch's run over the reversed batch moved nothing).
 */
final class UlpPerturbation {
    private UlpPerturbation() {
    }

    /**
     * Compositions of layers (their state_dict keys are prefixed: conv1.weight, 0.bias) in training
     * mode or backward, where an early layer's rounding can be amplified by the later ones.
     */
    static boolean applies(CaseData data) {
        return (data.training() || data.backward()) && data.layout().stream().anyMatch(e -> e.key().contains("."));
    }

    static CaseData of(CaseData data) {
        SplittableRandom rng = new SplittableRandom(java.util.Arrays.hashCode(data.input()) * 31L + data.state().size());
        Map<String, float[]> state = new LinkedHashMap<>();
        for (StateEntry e : data.layout()) {
            float[] v = data.state().get(e.key());
            state.put(e.key(), e.kind() == StateEntry.Kind.COUNT ? v : perturbed(v, rng));
        }
        return new CaseData(perturbed(data.input(), rng), data.inputShape(), state, data.layout(), data.training(),
                data.backward(), data.nonContiguous(), data.cotangents());
    }

    private static float[] perturbed(float[] v, SplittableRandom rng) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = rng.nextBoolean() ? Math.nextUp(v[i]) : Math.nextDown(v[i]);
        }
        return out;
    }
}
