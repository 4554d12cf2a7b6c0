package dev.resnettck.nn;

/**
 * {@code torch.nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, bias)} with
 * dilation 1 and groups 1, the only ones ResNet uses.
 */
public record Conv2dOptions(int inChannels, int outChannels, Size2 kernelSize, Size2 stride, Size2 padding,
                            boolean bias) {

    public Conv2dOptions {
        Checks.positive("Conv2d", "in_channels", inChannels);
        Checks.positive("Conv2d", "out_channels", outChannels);
        Checks.positive("Conv2d", "kernel_size", kernelSize);
        Checks.positive("Conv2d", "stride", stride);
        Checks.nonNegative("Conv2d", "padding", padding);
    }

    public static Conv2dOptions of(int inChannels, int outChannels, int kernelSize, int stride, int padding,
                                   boolean bias) {
        return new Conv2dOptions(inChannels, outChannels, Size2.of(kernelSize), Size2.of(stride), Size2.of(padding),
                bias);
    }

    /** torchvision's {@code conv3x3}: padding 1, no bias. */
    public static Conv2dOptions conv3x3(int in, int out, int stride) {
        return of(in, out, 3, stride, 1, false);
    }

    /** torchvision's {@code conv1x1}: no padding, no bias. */
    public static Conv2dOptions conv1x1(int in, int out, int stride) {
        return of(in, out, 1, stride, 0, false);
    }

    public int[] weightShape() {
        return new int[] {outChannels, inChannels, kernelSize.h(), kernelSize.w()};
    }
}
