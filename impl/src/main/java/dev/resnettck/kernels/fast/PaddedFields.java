package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.fast.ConvOperands.Shape;

/**
 * The receptive fields of a stride-1 convolution read in place from a zero-padded copy of the
 * input. GEMM columns run over padded-width rows, {@code col = image * oh * wp + oy * wp + ox} with
 * {@code ox} up to the padded width {@code wp}, so every tap is one fixed offset into the copy and a
 * panel of columns inside one image is a contiguous run of every channel, one padded plane apart:
 * the float32 tile reads it where it lies instead of gathering it. The columns {@code ox >= ow} are
 * computed and dropped (3% more multiply-adds at 56x56, 14% at 14x14), which is why only wide maps use
 * this. Panels that cross an image are packed from the same copy.
 */
final class PaddedFields implements Operand {
    /** Maps narrower than this waste too many columns on the padding. */
    private static final int MIN_WIDTH = 14;
    private final float[] padded;
    private final Shape s;
    private final int wp;
    private final int plane;
    private final int perImage;

    /**
     * Whether this operand serves {@code s}: stride 1, several taps, each a block of its own, padding
     * not negative, and no output beyond what the padding covers (a phase of a strided input gradient
     * may ask for one row more than its padded input holds).
     */
    static boolean suits(Shape s, boolean tapsAreBlocks) {
        return tapsAreBlocks && s.taps() > 1 && s.sh() == 1 && s.sw() == 1 && s.ph() >= 0 && s.pw() >= 0
                && s.oh() <= s.h() + 2 * s.ph() - s.kh() + 1 && s.ow() <= s.w() + 2 * s.pw() - s.kw() + 1
                && s.ow() >= MIN_WIDTH;
    }

    PaddedFields(float[] nchw, Shape s) {
        this.s = s;
        this.wp = s.w() + 2 * s.pw();
        int hp = s.h() + 2 * s.ph();
        this.plane = hp * wp;
        this.perImage = s.oh() * wp;
        // the last columns of the last plane read up to kw - 1 floats past it
        this.padded = new float[s.n() * s.c() * plane + s.kw()];
        Parallel.forEach(s.n() * s.c(), p -> {
            for (int y = 0; y < s.h(); y++) {
                System.arraycopy(nchw, (p * s.h() + y) * s.w(), padded, p * plane + (y + s.ph()) * wp + s.pw(), s.w());
            }
        });
    }

    /** How many GEMM columns: every padded-width row of every output image. */
    int columns() {
        return s.n() * perImage;
    }

    /** The width of one row of columns (the padded width; columns at {@code ox >= ow} are dropped). */
    int rowWidth() {
        return wp;
    }

    int columnsPerImage() {
        return perImage;
    }

    private int tapOffset(int t) {
        return (t / s.kw()) * wp + t % s.kw();
    }

    @Override
    public void pack(int r0, int count, int width, int k0, int kc, float[] dst, int at) {
        for (int kk = 0; kk < kc; kk++) {
            int k = k0 + kk;
            int base = (k % s.c()) * plane + tapOffset(k / s.c());
            int row = at + kk * width;
            for (int lane = 0; lane < count; lane++) {
                int col = r0 + lane;
                dst[row + lane] = padded[(col / perImage) * s.c() * plane + base + col % perImage];
            }
            ConvOperands.zeroRow(dst, row + count, width - count);
        }
    }

    @Override
    public int offsetInSource(int r0, int width, int k0, int kc) {
        int t = k0 / s.c();
        int image = r0 / perImage;
        if (image != (r0 + width - 1) / perImage || t != (k0 + kc - 1) / s.c()) {
            return -1;
        }
        return (image * s.c() + k0 % s.c()) * plane + r0 % perImage + tapOffset(t);
    }

    @Override
    public float[] source() {
        return padded;
    }

    @Override
    public int sourceStep() {
        return plane;
    }
}
