package dev.resnettck.tck.layers;

import dev.resnettck.nn.Conv2dOptions;
import dev.resnettck.nn.Size2;
import dev.resnettck.nn.StateDict;
import dev.resnettck.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code torch.nn.Conv2d}: kernels 1 to 7 (square or not), strides up to 4 (beyond the kernel), padding up to 3. */
final class Conv2dSpec {
    private Conv2dSpec() {
    }

    record Args(int n, int h, int w, Conv2dOptions o) {
        @Override
        public String toString() {
            return "input " + Draw.shape(n, o.inChannels(), h, w) + " Conv2d(" + o.inChannels() + ", " + o.outChannels()
                    + ", kernel_size=" + o.kernelSize() + ", stride=" + o.stride() + ", padding=" + o.padding()
                    + ", bias=" + o.bias() + ")";
        }
    }

    static LayerSpec<Args> spec() {
        return base().withWide(in -> {
            int k = Draw.oneOf(in, 3, 1, 7);
            int pad = Draw.between(in, 0, k / 2 + 1);
            int stride = Draw.between(in, 1, 2);
            Conv2dOptions o = Conv2dOptions.of(Draw.between(in, 1, 300), Draw.between(in, 1, 100), k, stride, pad,
                    Draw.bool(in));
            return new Args(Draw.between(in, 1, 3), Math.max(1, k - 2 * pad) + Draw.between(in, 0, 9),
                    Math.max(1, k - 2 * pad) + Draw.between(in, 0, 9), o);
        });
    }

    private static LayerSpec<Args> base() {
        return new LayerSpec<>("CONV2D", "torch.nn.Conv2d", Args.class,
                in -> {
                    int kh = Draw.oneOf(in, 1, 3, 7, 5, 2);
                    int kw = Draw.bool(in) ? Draw.oneOf(in, 1, 3, 7, 5, 2) : kh;
                    int ph = Draw.between(in, 0, 3);
                    int pw = Draw.bool(in) ? Draw.between(in, 0, 3) : ph;
                    int sh = Draw.between(in, 1, 4);
                    int sw = Draw.bool(in) ? Draw.between(in, 1, 4) : sh;
                    int h = Math.max(1, kh - 2 * ph) + Draw.between(in, 0, 7);
                    int w = Math.max(1, kw - 2 * pw) + Draw.between(in, 0, 7);
                    Conv2dOptions o = new Conv2dOptions(Draw.between(in, 1, 5), Draw.between(in, 1, 5),
                            Size2.of(kh, kw), Size2.of(sh, sw), Size2.of(ph, pw), Draw.bool(in));
                    return new Args(Draw.between(in, 1, 3), h, w, o);
                },
                a -> new int[] {a.n(), a.o().inChannels(), a.h(), a.w()},
                a -> {
                    List<StateEntry> s = new ArrayList<>();
                    int fanIn = a.o().inChannels() * a.o().kernelSize().h() * a.o().kernelSize().w();
                    s.add(StateEntry.weight("weight", fanIn, a.o().weightShape()));
                    if (a.o().bias()) {
                        s.add(StateEntry.of("bias", StateEntry.Kind.BIAS, a.o().outChannels()));
                    }
                    return s;
                },
                (layers, a) -> layers.conv2d().apply(a.o()),
                (torch, a, x, st, training) -> torch.conv2d(x, st.get("weight"), st.get("bias"), a.o().stride().h(),
                        a.o().stride().w(), a.o().padding().h(), a.o().padding().w()),
                a -> 2.0 * a.o().kernelSize().h() * a.o().kernelSize().w() * a.o().inChannels(),
                a -> new Args(1, a.h(), a.w(), a.o()),
                List.of(ValueProfile.NORMAL, ValueProfile.LARGE, ValueProfile.TINY, ValueProfile.ZEROS, ValueProfile.TIES),
                List.of(
                        new InvalidArgument("input with 4 channels into Conv2d(in_channels=3)", "channels",
                                l -> l.conv2d().apply(Conv2dOptions.of(3, 2, 3, 1, 1, false)).forward(Tensor.zeros(1, 4, 5, 5))),
                        new InvalidArgument("kernel 5x5 larger than the padded 3x3 input", "kernel_size",
                                l -> l.conv2d().apply(Conv2dOptions.of(1, 1, 5, 1, 0, false)).forward(Tensor.zeros(1, 1, 3, 3))),
                        new InvalidArgument("stride 0", "stride", l -> l.conv2d().apply(Conv2dOptions.of(1, 1, 3, 0, 1, false))),
                        new InvalidArgument("stride -2", "stride", l -> l.conv2d().apply(Conv2dOptions.of(1, 1, 3, -2, 1, false))),
                        new InvalidArgument("padding -1", "padding", l -> l.conv2d().apply(Conv2dOptions.of(1, 1, 3, 1, -1, false))),
                        new InvalidArgument("in_channels 0", "in_channels", l -> l.conv2d().apply(Conv2dOptions.of(0, 1, 3, 1, 1, false))),
                        new InvalidArgument("a 3-d input (C, H, W)", "shape",
                                l -> l.conv2d().apply(Conv2dOptions.of(1, 1, 3, 1, 1, false)).forward(Tensor.zeros(1, 5, 5))),
                        new InvalidArgument("NaN in the weight", "weight",
                                l -> StateDict.load(l.conv2d().apply(Conv2dOptions.of(1, 1, 1, 1, 0, false)),
                                        Map.of("weight", Tensor.of(new float[] {Float.NaN}, 1, 1, 1, 1)), "case"))), null);
    }
}
