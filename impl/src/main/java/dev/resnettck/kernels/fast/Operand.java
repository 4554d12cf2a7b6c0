package dev.resnettck.kernels.fast;

/**
 * One side of a product {@code C += A * B^T} as the engine reads it: {@code rows} by {@code depth},
 * packed a panel at a time into floats laid out {@code [k][lane]}. Implementations gather from
 * wherever the data lives (a weight tensor, receptive fields of an input, a gradient), so no
 * im2col matrix is ever materialised.
 */
interface Operand {

    /**
     * Packs rows {@code [r0, r0 + count)} for depths {@code [k0, k0 + kc)} into
     * {@code dst[at + (k - k0) * width + (r - r0)]}; lanes at or beyond {@code count} must be zero.
     */
    void pack(int r0, int count, int width, int k0, int kc, float[] dst, int at);

    /** False only when every value in the block is known to be zero (a tap that falls in padding). */
    default boolean mayBeNonZero(int r0, int count, int k0, int kc) {
        return true;
    }

    /**
     * Where a whole panel (rows {@code [r0, r0 + width)}, depths {@code [k0, k0 + kc)}) already lies
     * in {@link #source()} as the float32 register tile reads it: row {@code r0 + lane} at depth
     * {@code k0 + kk} is at {@code source()[offset + kk * sourceStep() + lane]}. -1 where it does not
     * (the panel is packed instead). Reading in place costs nothing; packing a panel that each product
     * uses only a few dozen times costs about as much as the multiply-adds themselves.
     */
    default int offsetInSource(int r0, int width, int k0, int kc) {
        return -1;
    }

    /**
     * The one array this operand packs from, when it is one (the weights), so inference can keep its
     * packed panels for as long as the array holds the same values; null otherwise.
     */
    default float[] contents() {
        return null;
    }

    /** Everything besides {@link #contents()} that decides how it packs (sizes, layout), compared with equals. */
    default Object layout() {
        return null;
    }

    /** The array {@link #offsetInSource} points into. */
    default float[] source() {
        return null;
    }

    /** The distance in {@link #source()} from one depth of a panel to the next. */
    default int sourceStep() {
        return 0;
    }
}
