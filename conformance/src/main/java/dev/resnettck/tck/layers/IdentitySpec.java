package dev.resnettck.tck.layers;

import java.util.List;

/** {@code torch.nn.Identity}: the shortcut of a residual block when nothing changes. */
final class IdentitySpec {
    private IdentitySpec() {
    }

    record Args(int[] shape) {
        @Override
        public String toString() {
            return "input " + Draw.shape(shape) + " Identity()";
        }
    }

    static LayerSpec<Args> spec() {
        return new LayerSpec<>("IDENTITY", "torch.nn.Identity", Args.class,
                in -> new Args(new int[] {Draw.between(in, 1, 3), Draw.between(in, 1, 4), Draw.between(in, 1, 5)}),
                Args::shape,
                a -> List.of(),
                (layers, a) -> layers.identity().get(),
                (torch, a, x, st, training) -> x,
                a -> 0,
                a -> new Args(new int[] {1, a.shape()[1], a.shape()[2]}),
                List.of(ValueProfile.NORMAL, ValueProfile.ZEROS),
                List.of(), null);
    }
}
