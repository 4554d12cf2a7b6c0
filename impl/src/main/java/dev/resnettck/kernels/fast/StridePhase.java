package dev.resnettck.kernels.fast;

/**
 * One stride phase of a convolution's input gradient along one axis: input pixels {@code r, r +
 * stride, ...} ({@code size} of them) receive the output gradient through the kernel taps {@code
 * first, first + stride, ...} ({@code taps} of them), as a stride-1 convolution of the output
 * gradient with that sub-kernel, rotated, and padding {@code pad} (negative: a crop). Pixels of
 * different phases meet different taps, so no tap that misses a pixel is ever computed.
 */
record StridePhase(int size, int taps, int first, int stride, int pad) {
    static StridePhase of(int r, int inputSize, int kernel, int stride, int padding) {
        int size = r < inputSize ? (inputSize - r + stride - 1) / stride : 0;
        int first = (r + padding) % stride;
        int taps = first < kernel ? (kernel - first + stride - 1) / stride : 0;
        int offset = (r + padding - first) / stride;
        return new StridePhase(size, taps, first, stride, taps - 1 - offset);
    }

    /** Every phase along one axis, phase r at index r. */
    static StridePhase[] all(int inputSize, int kernel, int stride, int padding) {
        StridePhase[] phases = new StridePhase[stride];
        for (int r = 0; r < stride; r++) {
            phases[r] = of(r, inputSize, kernel, stride, padding);
        }
        return phases;
    }

    /** The kernel tap of sub-kernel tap v, the sub-kernel rotated (v = 0 is the last tap). */
    int kernelTap(int v) {
        return first + stride * (taps - 1 - v);
    }

    /** Whether any pixel of this phase meets any tap. */
    boolean empty() {
        return taps == 0 || size == 0;
    }
}
