package dev.resnettck.tck.layers;

import dev.resnettck.nn.LinearOptions;
import dev.resnettck.nn.Sequential;
import java.util.List;

/**
 * {@code torch.nn.Sequential(Linear, ReLU, Linear)}: children run in order and are named "0", "1",
 * "2", so their state_dict keys are "0.weight", "2.bias", ...
 *
 * <p>No large-magnitude profile here: the first Linear's weight gradient sums products of large
 * inputs with the float32 gradient stored between the layers, and with cancellation one rounding of
 * that stored gradient is amplified past 1e-5 for any float32 implementation, while the reference's
 * gradients flow in float64 (DJL cannot round them). Single layers carry the magnitude tests.
 */
final class SequentialSpec {
    private SequentialSpec() {
    }

    record Args(int n, int in, int hidden, int out) {
        @Override
        public String toString() {
            return "input " + Draw.shape(n, in) + " Sequential(Linear(" + in + ", " + hidden + "), ReLU(), Linear(" + hidden
                    + ", " + out + "))";
        }
    }

    static LayerSpec<Args> spec() {
        return new LayerSpec<>("SEQUENTIAL", "torch.nn.Sequential", Args.class,
                in -> new Args(Draw.between(in, 1, 4), Draw.between(in, 1, 8), Draw.between(in, 1, 8),
                        Draw.between(in, 1, 5)),
                a -> new int[] {a.n(), a.in()},
                a -> List.of(StateEntry.weight("0.weight", a.in(), a.hidden(), a.in()),
                        StateEntry.of("0.bias", StateEntry.Kind.BIAS, a.hidden()),
                        StateEntry.weight("2.weight", a.hidden(), a.out(), a.hidden()),
                        StateEntry.of("2.bias", StateEntry.Kind.BIAS, a.out())),
                (layers, a) -> Sequential.of(layers.linear().apply(new LinearOptions(a.in(), a.hidden(), true)),
                        layers.relu().get(), layers.linear().apply(new LinearOptions(a.hidden(), a.out(), true))),
                (torch, a, x, st, training) -> torch.linear(torch.relu(torch.linear(x, st.get("0.weight"), st.get("0.bias"))),
                        st.get("2.weight"), st.get("2.bias")),
                a -> 2.0 * (a.in() + a.hidden()),
                a -> new Args(1, a.in(), a.hidden(), a.out()),
                List.of(ValueProfile.NORMAL, ValueProfile.ZEROS, ValueProfile.TIES),
                List.of(new InvalidArgument("an empty Sequential", "at least one module", l -> Sequential.of())), null);
    }
}
