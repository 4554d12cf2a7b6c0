package dev.resnettck.tck.layers;

import dev.resnettck.nn.LinearOptions;
import dev.resnettck.nn.StateDict;
import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code torch.nn.Linear} on inputs (*, in_features) of rank 1 to 3, bias optional. */
final class LinearSpec {
    private LinearSpec() {
    }

    record Args(int[] leading, LinearOptions o) {
        int[] inputShape() {
            int[] s = java.util.Arrays.copyOf(leading, leading.length + 1);
            s[leading.length] = o.inFeatures();
            return s;
        }

        @Override
        public String toString() {
            return "input " + Draw.shape(inputShape()) + " Linear(" + o.inFeatures() + ", " + o.outFeatures() + ", bias="
                    + o.bias() + ")";
        }
    }

    static LayerSpec<Args> spec() {
        return base().withWide(in -> new Args(new int[] {Draw.between(in, 1, 40)},
                new LinearOptions(Draw.between(in, 1, 700), Draw.between(in, 1, 200), Draw.bool(in))));
    }

    private static LayerSpec<Args> base() {
        return new LayerSpec<>("LINEAR", "torch.nn.Linear", Args.class,
                in -> {
                    int rank = Draw.between(in, 1, 3);
                    int[] leading = new int[rank - 1];
                    for (int d = 0; d < leading.length; d++) {
                        leading[d] = Draw.between(in, 1, 5);
                    }
                    return new Args(leading, new LinearOptions(Draw.between(in, 1, 40), Draw.between(in, 1, 12),
                            Draw.bool(in)));
                },
                Args::inputShape,
                a -> {
                    List<StateEntry> s = new ArrayList<>();
                    s.add(StateEntry.weight("weight", a.o().inFeatures(), a.o().outFeatures(), a.o().inFeatures()));
                    if (a.o().bias()) {
                        s.add(StateEntry.of("bias", StateEntry.Kind.BIAS, a.o().outFeatures()));
                    }
                    return s;
                },
                (layers, a) -> layers.linear().apply(a.o()),
                (torch, a, x, st, training) -> torch.linear(x, st.get("weight"), st.get("bias")),
                a -> 2.0 * a.o().inFeatures(),
                a -> a.leading().length == 0 ? a : new Args(withFirst(a.leading(), 1), a.o()),
                List.of(ValueProfile.NORMAL, ValueProfile.LARGE, ValueProfile.TINY, ValueProfile.ZEROS, ValueProfile.TIES),
                List.of(
                        new InvalidArgument("input (2, 5) into Linear(in_features=4)", "in_features",
                                l -> l.linear().apply(new LinearOptions(4, 3, true)).forward(Tensor.zeros(2, 5))),
                        new InvalidArgument("out_features 0", "out_features", l -> l.linear().apply(new LinearOptions(4, 0, true))),
                        new InvalidArgument("NaN in the weight", "weight",
                                l -> StateDict.load(l.linear().apply(new LinearOptions(1, 1, false)),
                                        Map.of("weight", Tensor.of(new float[] {Float.NaN}, 1, 1)), "case"))), null);
    }

    private static int[] withFirst(int[] dims, int first) {
        int[] out = dims.clone();
        out[0] = first;
        return out;
    }
}
