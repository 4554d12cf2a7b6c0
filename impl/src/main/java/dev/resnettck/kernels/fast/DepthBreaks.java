package dev.resnettck.kernels.fast;

/**
 * Where a float32 convolution's depth blocks must start (depth tap-major, {@code k = tap * c +
 * channel}): at every tap, so a tap that lies in the padding is skipped whole; or, when a tap is
 * only a few channels deep (the stem's 3, the gate's 1), at every kernel row, whose taps' channels
 * lie side by side in a padded channels-last input, so a row block is read in place there (a block of
 * 3 would be mostly loop overhead, and a block across rows would have to be gathered).
 */
final class DepthBreaks {
    static final int FEW_CHANNELS = 16;

    private DepthBreaks() {
    }

    static int[] of(int c, int kh, int kw) {
        int step = c < FEW_CHANNELS ? kw : 1;
        int[] breaks = new int[kh * kw / step];
        for (int i = 0; i < breaks.length; i++) {
            breaks[i] = i * step * c;
        }
        return breaks;
    }
}
