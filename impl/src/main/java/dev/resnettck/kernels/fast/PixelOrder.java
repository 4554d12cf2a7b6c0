package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.fast.PixelConvolution.Pass;

/**
 * The order a convolution's tiles take its output pixels in: image by image, or, on maps of at most
 * {@link #SMALL_MAP} pixels, position by position (one position of several images side by side), so
 * the pixels of a tile share their taps' padding and a tap in it is skipped for all of them (the
 * gate's 4x4, 2x2 and 1x1 maps). Where a pixel lands never depends on the order.
 */
record PixelOrder(int n, int positions, boolean byPosition) {
    static final int SMALL_MAP = 64;

    PixelOrder(Pass g) {
        this(g.n(), g.oh() * g.ow(), g.oh() * g.ow() <= SMALL_MAP);
    }

    /** The image of the i-th pixel. */
    int image(int i) {
        return byPosition ? i % n : i / positions;
    }

    /** The position (oy * ow + ox) of the i-th pixel. */
    int position(int i) {
        return byPosition ? i / n : i % positions;
    }
}
