package dev.resnettck.kernels.fast;

/**
 * Where a float32 convolution's depth blocks must start (depth tap-major, {@code k = tap * c +
 * channel}): at every tap, so a tap that lies in the padding is skipped whole; or at every kernel row,
 * whose taps' channels lie side by side in a padded channels-last input, so a row block is read in
 * place there. Every kernel row when a tap is only a few channels deep (the stem's 3, the gate's 1: a
 * block of 3 would be mostly loop overhead, and a block across rows would have to be gathered), and
 * in a forward pass when a whole kernel row is at most {@link #ROW_DEPTH} deep (a 3x3 convolution over
 * 64 channels: three blocks per tile instead of nine, each with its own start and write-back).
 * An input gradient's phase passes keep a block per tap: {@link FewChannelInputGradient} sums theirs
 * tap by tap.
 */
final class DepthBreaks {
    static final int FEW_CHANNELS = 16;
    /**
     * The deepest kernel row a forward pass sums as one block: three taps of 64 channels. Measured in one JVM
     * alternating (batch 8, medians, Intel Xeon), inference 64->64 3x3 @56: 9.87 -> 9.34 and 9.73 -> 9.16 ms; batch
     * 1 1.30 -> 1.22 ms. Deeper rows would not stay in L1 with their lane panel (128 channels: 384 x 32 floats).
     */
    static final int ROW_DEPTH = 192;

    private DepthBreaks() {
    }

    /**
     * Every tap, or every kernel row for taps of few channels; a forward pass also at every kernel row where a
     * whole row is at most {@link #ROW_DEPTH} deep (an input gradient's phase pass never).
     */
    static int[] of(int c, int kh, int kw, boolean forward) {
        return breaks(c, kh, kw, c < FEW_CHANNELS || forward && shallowRows(c, kw));
    }

    /** The longest block a pass may sum ({@link Gemm#KC} but for a forward pass's shallow kernel rows). */
    static int longest(int c, int kw, boolean forward) {
        return forward && shallowRows(c, kw) ? Math.max(Gemm.KC, c * kw) : Gemm.KC;
    }

    private static boolean shallowRows(int c, int kw) {
        return c >= FEW_CHANNELS && kw > 1 && c * kw <= ROW_DEPTH;
    }

    private static int[] breaks(int c, int kh, int kw, boolean byRow) {
        int step = byRow ? kw : 1;
        int[] breaks = new int[kh * kw / step];
        for (int i = 0; i < breaks.length; i++) {
            breaks[i] = i * step * c;
        }
        return breaks;
    }
}
