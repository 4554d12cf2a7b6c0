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

    /** The i-th pixel, on maps {@code ow} pixels wide, as a cursor that steps to the next pixel. */
    Cursor cursor(int i, int ow) {
        return new Cursor(this, ow, image(i), position(i) / ow, position(i) % ow);
    }

    /**
     * A pixel's image, output row and output column, stepped to the next pixel in this order without
     * a division (divisions per row were a tenth of the stem's time).
     */
    static final class Cursor {
        private final PixelOrder order;
        private final int ow;
        private final int oh;
        int img;
        int oy;
        int ox;

        private Cursor(PixelOrder order, int ow, int img, int oy, int ox) {
            this.order = order;
            this.ow = ow;
            this.oh = order.positions / ow;
            this.img = img;
            this.oy = oy;
            this.ox = ox;
        }

        void next() {
            if (order.byPosition) { // the next image at this position, then the next position
                if (++img == order.n) {
                    img = 0;
                    if (++ox == ow) {
                        ox = 0;
                        oy++;
                    }
                }
            } else if (++ox == ow) { // the next pixel of this image, then the next image
                ox = 0;
                if (++oy == oh) {
                    oy = 0;
                    img++;
                }
            }
        }
    }
}
