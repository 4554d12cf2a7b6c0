package dev.resnettck.tck.layers;

import dev.resnettck.nn.FlattenOptions;
import dev.resnettck.tensor.Tensor;
import java.util.List;

/** {@code torch.nn.Flatten(start_dim, end_dim)} with positive and negative dims on inputs of rank 1 to 5. */
final class FlattenSpec {
    private FlattenSpec() {
    }

    record Args(int[] shape, FlattenOptions o) {
        @Override
        public String toString() {
            return "input " + Draw.shape(shape) + " Flatten(start_dim=" + o.startDim() + ", end_dim=" + o.endDim() + ")";
        }
    }

    static LayerSpec<Args> spec() {
        return new LayerSpec<>("FLATTEN", "torch.nn.Flatten", Args.class,
                in -> {
                    int rank = Draw.between(in, 1, 5);
                    int[] shape = new int[rank];
                    for (int d = 0; d < rank; d++) {
                        shape[d] = Draw.between(in, 1, 4);
                    }
                    int start = Draw.between(in, 0, rank - 1);
                    int end = Draw.between(in, start, rank - 1);
                    // either form of each dim: d or d - rank
                    int s = Draw.bool(in) ? start - rank : start;
                    int e = Draw.bool(in) ? end - rank : end;
                    return new Args(shape, new FlattenOptions(s, e));
                },
                Args::shape,
                a -> List.of(),
                (layers, a) -> layers.flatten().apply(a.o()),
                (torch, a, x, st, training) -> torch.flatten(x, a.o().startDim(), a.o().endDim()),
                a -> 0,
                a -> {
                    int[] s = a.shape().clone();
                    s[0] = 1;
                    return new Args(s, a.o());
                },
                List.of(ValueProfile.NORMAL, ValueProfile.ZEROS),
                List.of(
                        new InvalidArgument("start_dim 3 for a 2-d input", "start_dim",
                                l -> l.flatten().apply(new FlattenOptions(3, -1)).forward(Tensor.zeros(2, 3))),
                        new InvalidArgument("end_dim -4 for a 3-d input", "end_dim",
                                l -> l.flatten().apply(new FlattenOptions(0, -4)).forward(Tensor.zeros(2, 3, 4))),
                        new InvalidArgument("start_dim 2 after end_dim 1", "start_dim",
                                l -> l.flatten().apply(new FlattenOptions(2, 1)).forward(Tensor.zeros(2, 3, 4)))), null);
    }
}
