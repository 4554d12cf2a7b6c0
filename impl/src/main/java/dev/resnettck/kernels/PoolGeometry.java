package dev.resnettck.kernels;

import dev.resnettck.nn.MaxPool2dOptions;
import dev.resnettck.tensor.Shapes;

/**
 * The sizes of one max pooling: input (n, c, h, w), kernel (kh, kw), stride (sh, sw), padding
 * (ph, pw), output (n, c, oh, ow) with {@code oh = (h + 2*ph - kh) / sh + 1} (floor).
 */
public record PoolGeometry(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int oh,
                           int ow) {

    public static PoolGeometry of(int[] input, MaxPool2dOptions o) {
        if (input.length != 4) {
            throw new IllegalArgumentException("max_pool2d: expected a 4-d input (N, C, H, W), got shape "
                    + Shapes.format(input));
        }
        int paddedH = input[2] + 2 * o.padding().h();
        int paddedW = input[3] + 2 * o.padding().w();
        if (o.kernelSize().h() > paddedH || o.kernelSize().w() > paddedW) {
            throw new IllegalArgumentException("max_pool2d: kernel_size " + o.kernelSize()
                    + " is larger than the padded input (" + paddedH + ", " + paddedW + ") (input " + Shapes.format(input)
                    + ")");
        }
        int oh = (paddedH - o.kernelSize().h()) / o.stride().h() + 1;
        int ow = (paddedW - o.kernelSize().w()) / o.stride().w() + 1;
        return new PoolGeometry(input[0], input[1], input[2], input[3], o.kernelSize().h(), o.kernelSize().w(),
                o.stride().h(), o.stride().w(), o.padding().h(), o.padding().w(), oh, ow);
    }

    public int[] inputShape() {
        return new int[] {n, c, h, w};
    }

    public int[] outputShape() {
        return new int[] {n, c, oh, ow};
    }
}
