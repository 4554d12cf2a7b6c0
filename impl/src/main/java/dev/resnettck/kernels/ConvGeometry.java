package dev.resnettck.kernels;

import dev.resnettck.nn.Size2;
import dev.resnettck.tensor.Shapes;

/**
 * The sizes of one 2-d convolution: input (n, c, h, w), weight (oc, c, kh, kw), stride (sh, sw),
 * padding (ph, pw) and output (n, oc, oh, ow) with {@code oh = (h + 2*ph - kh) / sh + 1} (floor),
 * likewise {@code ow}. Built only through {@link #of}, which rejects every inconsistent argument
 * with a message naming it.
 */
public record ConvGeometry(int n, int c, int h, int w, int oc, int kh, int kw, int sh, int sw, int ph, int pw,
                           int oh, int ow) {

    public static ConvGeometry of(int[] input, int[] weight, Size2 stride, Size2 padding) {
        if (input.length != 4) {
            throw new IllegalArgumentException("conv2d: expected a 4-d input (N, C, H, W), got shape "
                    + Shapes.format(input));
        }
        if (weight.length != 4) {
            throw new IllegalArgumentException("conv2d: expected a 4-d weight (out_channels, in_channels, kH, kW), got shape "
                    + Shapes.format(weight));
        }
        if (stride.h() <= 0 || stride.w() <= 0) {
            throw new IllegalArgumentException("conv2d: stride must be positive, got " + stride);
        }
        if (padding.h() < 0 || padding.w() < 0) {
            throw new IllegalArgumentException("conv2d: padding must be non-negative, got " + padding);
        }
        if (input[1] != weight[1]) {
            throw new IllegalArgumentException("conv2d: input has " + input[1] + " channels but the weight expects in_channels "
                    + weight[1] + " (input " + Shapes.format(input) + ", weight " + Shapes.format(weight) + ")");
        }
        for (int d = 0; d < 4; d++) {
            if (weight[d] <= 0) {
                throw new IllegalArgumentException("conv2d: weight shape " + Shapes.format(weight) + " has a zero size");
            }
        }
        int paddedH = input[2] + 2 * padding.h();
        int paddedW = input[3] + 2 * padding.w();
        if (weight[2] > paddedH || weight[3] > paddedW) {
            throw new IllegalArgumentException("conv2d: kernel_size (" + weight[2] + ", " + weight[3]
                    + ") is larger than the padded input (" + paddedH + ", " + paddedW + ") (input "
                    + Shapes.format(input) + ", padding " + padding + ")");
        }
        int oh = (paddedH - weight[2]) / stride.h() + 1;
        int ow = (paddedW - weight[3]) / stride.w() + 1;
        return new ConvGeometry(input[0], input[1], input[2], input[3], weight[0], weight[2], weight[3], stride.h(),
                stride.w(), padding.h(), padding.w(), oh, ow);
    }

    public int[] inputShape() {
        return new int[] {n, c, h, w};
    }

    public int[] weightShape() {
        return new int[] {oc, c, kh, kw};
    }

    public int[] outputShape() {
        return new int[] {n, oc, oh, ow};
    }

    /** Multiply-accumulates of the forward pass. */
    public long macs() {
        return (long) n * oc * oh * ow * c * kh * kw;
    }
}
