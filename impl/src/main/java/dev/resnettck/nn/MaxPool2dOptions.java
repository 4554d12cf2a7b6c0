package dev.resnettck.nn;

/**
 * {@code torch.nn.MaxPool2d(kernel_size, stride, padding)}, dilation 1, floor mode. Padding is
 * -inf and at most half the kernel, as torch requires.
 */
public record MaxPool2dOptions(Size2 kernelSize, Size2 stride, Size2 padding) {

    public MaxPool2dOptions {
        Checks.positive("MaxPool2d", "kernel_size", kernelSize);
        Checks.positive("MaxPool2d", "stride", stride);
        Checks.nonNegative("MaxPool2d", "padding", padding);
        if (2 * padding.h() > kernelSize.h() || 2 * padding.w() > kernelSize.w()) {
            throw new IllegalArgumentException("MaxPool2d: padding " + padding + " must be at most half of kernel_size "
                    + kernelSize);
        }
    }

    public static MaxPool2dOptions of(int kernelSize, int stride, int padding) {
        return new MaxPool2dOptions(Size2.of(kernelSize), Size2.of(stride), Size2.of(padding));
    }
}
