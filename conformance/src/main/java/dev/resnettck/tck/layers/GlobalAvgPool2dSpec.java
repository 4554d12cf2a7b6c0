package dev.resnettck.tck.layers;

import dev.resnettck.tensor.Tensor;
import java.util.List;

/** torchvision's {@code avgpool}: {@code torch.nn.AdaptiveAvgPool2d((1, 1))}. */
final class GlobalAvgPool2dSpec {
    private GlobalAvgPool2dSpec() {
    }

    record Args(int n, int c, int h, int w) {
        @Override
        public String toString() {
            return "input " + Draw.shape(n, c, h, w) + " AdaptiveAvgPool2d((1, 1))";
        }
    }

    static LayerSpec<Args> spec() {
        return new LayerSpec<>("GLOBALAVGPOOL2D", "torch.nn.AdaptiveAvgPool2d((1, 1))", Args.class,
                in -> new Args(Draw.between(in, 1, 3), Draw.between(in, 1, 6), Draw.between(in, 1, 9),
                        Draw.between(in, 1, 9)),
                a -> new int[] {a.n(), a.c(), a.h(), a.w()},
                a -> List.of(),
                (layers, a) -> layers.globalAvgPool2d().get(),
                (torch, a, x, st, training) -> torch.globalAvgPool2d(x),
                a -> a.h() * a.w() + 2,
                a -> new Args(1, a.c(), a.h(), a.w()),
                List.of(ValueProfile.NORMAL, ValueProfile.LARGE, ValueProfile.TINY, ValueProfile.ZEROS, ValueProfile.TIES),
                List.of(new InvalidArgument("a 2-d input (N, C)", "shape",
                        l -> l.globalAvgPool2d().get().forward(Tensor.zeros(2, 3)))), null);
    }
}
