package dev.resnettck.kernels.fast;

import dev.resnettck.tensor.Tensor;

/**
 * An (n, c, h, w) activation held channels-last inside a zero border: pixel (img, y, x) of the
 * input, with y in [-top, h + bottom) and x in [-left, w + right), starts at {@link #at}, its c
 * channels contiguous. So every tap of a convolution over it is one fixed offset, and a tap that
 * falls in the padding reads zeros. With no border, a channels-last tensor is used as it is.
 */
record PaddedNhwc(float[] data, int n, int c, int h, int w, int top, int left, int hp, int wp) {

    /** Where pixel (img, y, x) starts; y and x may reach into the border. */
    int at(int img, int y, int x) {
        return ((img * hp + y + top) * wp + x + left) * c;
    }

    /** The last padded copy each thread made with {@link #scratch}, reused for the next. */
    private static final ThreadLocal<float[]> SCRATCH = new ThreadLocal<>();

    /** {@code x} (any layout) inside a border of the given widths (zero or more each), in a new array. */
    static PaddedNhwc of(Tensor x, int top, int bottom, int left, int right) {
        return of(x, top, bottom, left, right, false, null);
    }

    /**
     * As {@link #of}, in this thread's scratch array when a copy is needed: valid until this thread's
     * next call. A convolution pads its input for the length of one pass; allocating (and zeroing) a
     * new array for it each time cost about a tenth of a 56x56 convolution at batch 1.
     */
    static PaddedNhwc scratch(Tensor x, int top, int bottom, int left, int right) {
        return scratch(x, top, bottom, left, right, null);
    }

    /**
     * As {@link #scratch(Tensor, int, int, int, int)}, the calling thread running {@code first} (if not null:
     * allocating the pass's output, {@link LateArray}) while the workers copy; where no copy is needed, it does
     * not run.
     */
    static PaddedNhwc scratch(Tensor x, int top, int bottom, int left, int right, Runnable first) {
        return of(x, top, bottom, left, right, true, first);
    }

    private static PaddedNhwc of(Tensor x, int top, int bottom, int left, int right, boolean reuse, Runnable first) {
        int[] s = x.shape();
        int n = s[0], c = s[1], h = s[2], w = s[3];
        int hp = h + top + bottom;
        int wp = w + left + right;
        if (top == 0 && bottom == 0 && left == 0 && right == 0 && x.isChannelsLast()) {
            return new PaddedNhwc(x.storage(), n, c, h, w, 0, 0, h, w);
        }
        int size = n * hp * wp * c;
        float[] kept = reuse ? SCRATCH.get() : null;
        float[] out = kept != null && kept.length >= size ? kept : new float[size];
        if (reuse && out != kept) {
            SCRATCH.set(out);
        }
        PaddedNhwc padded = new PaddedNhwc(out, n, c, h, w, top, left, hp, wp);
        if (out == kept) {
            padded.zeroBorder();
        }
        if (x.isChannelsLast()) {
            float[] in = x.storage();
            Parallel.forEach(n * h, row -> System.arraycopy(in, row * w * c, out, padded.at(row / h, row % h, 0), w * c),
                    first);
        } else {
            float[] in = x.contiguous().data();
            int plane = h * w;
            // one task per (image, input row): read each channel's row in order, write it across the pixels
            Parallel.forEach(n * h, row -> {
                int img = row / h;
                int y = row % h;
                int to = padded.at(img, y, 0);
                for (int ch = 0; ch < c; ch++) {
                    int from = (img * c + ch) * plane + y * w;
                    for (int i = 0; i < w; i++) {
                        out[to + i * c + ch] = in[from + i];
                    }
                }
            }, first);
        }
        return padded;
    }

    /** Zeroes every border row, and the border columns of the input's rows (a reused array holds old values). */
    private void zeroBorder() {
        int row = wp * c;
        Parallel.forEach(n, img -> {
            int first = img * hp * row;
            java.util.Arrays.fill(data, first, first + top * row, 0f);
            java.util.Arrays.fill(data, first + (top + h) * row, first + hp * row, 0f);
            for (int y = 0; y < h; y++) {
                int start = first + (top + y) * row;
                java.util.Arrays.fill(data, start, start + left * c, 0f);
                java.util.Arrays.fill(data, start + (left + w) * c, start + row, 0f);
            }
        });
    }
}
