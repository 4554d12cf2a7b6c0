package dev.resnettck.tck.layers;

import java.util.List;

/** {@code torch.nn.ReLU} on inputs of rank 1 to 4, with zeros and negative zeros. */
final class ReluSpec {
    private ReluSpec() {
    }

    record Args(int[] shape) {
        @Override
        public String toString() {
            return "input " + Draw.shape(shape) + " ReLU()";
        }
    }

    static LayerSpec<Args> spec() {
        return new LayerSpec<>("RELU", "torch.nn.ReLU", Args.class,
                in -> {
                    int rank = Draw.between(in, 1, 4);
                    int[] shape = new int[rank];
                    for (int d = 0; d < rank; d++) {
                        shape[d] = Draw.between(in, 1, 6);
                    }
                    return new Args(shape);
                },
                Args::shape,
                a -> List.of(),
                (layers, a) -> layers.relu().get(),
                (torch, a, x, st, training) -> torch.relu(x),
                a -> 0,
                a -> {
                    int[] s = a.shape().clone();
                    s[0] = 1;
                    return new Args(s);
                },
                List.of(ValueProfile.NORMAL, ValueProfile.ZEROS, ValueProfile.TIES, ValueProfile.LARGE, ValueProfile.TINY),
                List.of(), null);
    }
}
