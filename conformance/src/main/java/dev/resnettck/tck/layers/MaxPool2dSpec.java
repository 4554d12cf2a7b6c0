package dev.resnettck.tck.layers;

import dev.resnettck.nn.MaxPool2dOptions;
import dev.resnettck.nn.Size2;
import dev.resnettck.tensor.Tensor;
import java.util.List;

/** {@code torch.nn.MaxPool2d}: -inf padding up to half the kernel, ties among maxima (integer values). */
final class MaxPool2dSpec {
    private MaxPool2dSpec() {
    }

    record Args(int n, int c, int h, int w, MaxPool2dOptions o) {
        @Override
        public String toString() {
            return "input " + Draw.shape(n, c, h, w) + " MaxPool2d(kernel_size=" + o.kernelSize() + ", stride="
                    + o.stride() + ", padding=" + o.padding() + ")";
        }
    }

    static LayerSpec<Args> spec() {
        return new LayerSpec<>("MAXPOOL2D", "torch.nn.MaxPool2d", Args.class,
                in -> {
                    int kh = Draw.between(in, 1, 4);
                    int kw = Draw.bool(in) ? Draw.between(in, 1, 4) : kh;
                    int ph = Draw.between(in, 0, kh / 2);
                    int pw = Draw.between(in, 0, kw / 2);
                    int sh = Draw.between(in, 1, 3);
                    int sw = Draw.bool(in) ? Draw.between(in, 1, 3) : sh;
                    int h = Math.max(1, kh - 2 * ph) + Draw.between(in, 0, 6);
                    int w = Math.max(1, kw - 2 * pw) + Draw.between(in, 0, 6);
                    return new Args(Draw.between(in, 1, 3), Draw.between(in, 1, 4), h, w,
                            new MaxPool2dOptions(Size2.of(kh, kw), Size2.of(sh, sw), Size2.of(ph, pw)));
                },
                a -> new int[] {a.n(), a.c(), a.h(), a.w()},
                a -> List.of(),
                (layers, a) -> layers.maxPool2d().apply(a.o()),
                (torch, a, x, st, training) -> torch.maxPool2d(x, a.o().kernelSize().h(), a.o().kernelSize().w(),
                        a.o().stride().h(), a.o().stride().w(), a.o().padding().h(), a.o().padding().w()),
                a -> 0,
                a -> new Args(1, a.c(), a.h(), a.w(), a.o()),
                List.of(ValueProfile.TIES, ValueProfile.NORMAL, ValueProfile.ZEROS, ValueProfile.LARGE, ValueProfile.TINY),
                List.of(
                        new InvalidArgument("padding 2 with kernel_size 3 (more than half)", "padding",
                                l -> l.maxPool2d().apply(MaxPool2dOptions.of(3, 1, 2))),
                        new InvalidArgument("kernel_size 0", "kernel_size", l -> l.maxPool2d().apply(MaxPool2dOptions.of(0, 1, 0))),
                        new InvalidArgument("stride 0", "stride", l -> l.maxPool2d().apply(MaxPool2dOptions.of(2, 0, 0))),
                        new InvalidArgument("padding -1", "padding", l -> l.maxPool2d().apply(MaxPool2dOptions.of(2, 1, -1))),
                        new InvalidArgument("kernel 4x4 larger than the 2x2 input", "kernel_size",
                                l -> l.maxPool2d().apply(MaxPool2dOptions.of(4, 1, 0)).forward(Tensor.zeros(1, 1, 2, 2))),
                        new InvalidArgument("a 3-d input", "shape",
                                l -> l.maxPool2d().apply(MaxPool2dOptions.of(2, 2, 0)).forward(Tensor.zeros(1, 4, 4)))), null);
    }
}
