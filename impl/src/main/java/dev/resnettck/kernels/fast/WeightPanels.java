package dev.resnettck.kernels.fast;

import java.util.Arrays;

/**
 * Convolution weights (oc, ic, kh, kw) packed as the lanes of {@link Tile}: panel j holds lanes
 * {@code [j * NR, (j + 1) * NR)} of the output channels, depth k at {@code (j * depth + k) * NR + lane},
 * depth tap-major ({@code k = tap * channels + channel}); lanes past the last channel are zero.
 */
final class WeightPanels {
    private static final int CHANNELS = 16;

    private WeightPanels() {
    }

    /** The indices of the live taps. */
    private static int[] liveOnly(boolean[] live) {
        int count = 0;
        for (boolean b : live) {
            count += b ? 1 : 0;
        }
        int[] taken = new int[count];
        for (int t = 0, i = 0; t < live.length; t++) {
            if (live[t]) {
                taken[i++] = t;
            }
        }
        return taken;
    }

    static int panels(int lanes) {
        return (lanes + Tile.NR - 1) / Tile.NR;
    }

    /**
     * A forward convolution's: lanes = output channels, depth = (tap, input channel). Taps that are
     * not {@code live} (in the padding for every output) are never read, so they are not packed: in
     * the gate's 1x1 maps only the centre tap of a 3x3 kernel is.
     */
    static float[] forward(float[] w, int oc, int ic, int taps, boolean[] live) {
        return forward(w, oc, ic, taps, live, new float[panels(oc) * taps * ic * Tile.NR]);
    }

    /**
     * As {@link #forward(float[], int, int, int, boolean[])}, in this thread's scratch array (valid
     * until this thread packs again): a training step packs every layer anew, and would otherwise
     * allocate its packed weights twice a layer (JMH -prof gc: the gate's step 214.7 -> 126.0 MB;
     * its time did not move beyond noise).
     */
    static float[] forwardScratch(float[] w, int oc, int ic, int taps, boolean[] live) {
        return forward(w, oc, ic, taps, live, Scratch.floats(Scratch.PACKED, panels(oc) * taps * ic * Tile.NR));
    }

    /** Every live tap's rows of {@code out}, lanes past the last channel zeroed (out may hold an earlier packing). */
    private static float[] forward(float[] w, int oc, int ic, int taps, boolean[] live, float[] out) {
        int depth = taps * ic;
        // a block of channels at a time, each packed row written whole, its lanes read a weight row apart:
        // against reading each weight row in order and writing a lane at a time into every packed row
        // (PackTimes, 2 threads, best of 200, alternating JVMs, the same packed arrays) 2048->512 1x1 went
        // 2.29-2.30 -> 1.16-1.20 ms, 512->512 3x3 2.47-2.53 -> 1.70-1.71, 256->1024 1x1 0.51-0.53 -> 0.21-0.22:
        // a training step packs every layer's weights anew
        int[] taken = liveOnly(live);
        int blocks = (ic + CHANNELS - 1) / CHANNELS;
        int rowStride = ic * taps;
        Parallel.forEach(panels(oc) * blocks, task -> {
            int j = task / blocks;
            int ch0 = task % blocks * CHANNELS;
            int ch1 = Math.min(ic, ch0 + CHANNELS);
            int lanes = Math.min(Tile.NR, oc - j * Tile.NR);
            int first = j * Tile.NR * rowStride;
            for (int ch = ch0; ch < ch1; ch++) {
                for (int t : taken) {
                    int to = (j * depth + t * ic + ch) * Tile.NR;
                    int from = first + ch * taps + t;
                    for (int lane = 0; lane < lanes; lane++, from += rowStride) {
                        out[to + lane] = w[from];
                    }
                    Arrays.fill(out, to + lanes, to + Tile.NR, 0f);
                }
            }
        });
        return out;
    }

    /**
     * An input gradient's, one stride phase of it: lanes = the forward's input channels, depth =
     * (sub-kernel tap v, output channel), where v reads the forward's kernel tap {@code tapOf[v]};
     * sub-kernel taps that are not {@code live} are not packed. In this thread's scratch array (valid
     * until this thread packs again), lanes past the last channel zeroed.
     */
    static float[] inputGradient(float[] w, int oc, int ic, int taps, int[] tapOf, boolean[] live) {
        int depth = tapOf.length * oc;
        float[] out = Scratch.floats(Scratch.PACKED, panels(ic) * depth * Tile.NR);
        Parallel.forEach(panels(ic) * tapOf.length, task -> {
            int j = task / tapOf.length;
            int v = task % tapOf.length;
            if (!live[v]) {
                return;
            }
            int lanes = Math.min(Tile.NR, ic - j * Tile.NR);
            for (int o = 0; o < oc; o++) {
                int from = (o * ic + j * Tile.NR) * taps + tapOf[v];
                int to = (j * depth + v * oc + o) * Tile.NR;
                for (int lane = 0; lane < lanes; lane++) {
                    out[to + lane] = w[from + lane * taps];
                }
                Arrays.fill(out, to + lanes, to + Tile.NR, 0f);
            }
        });
        return out;
    }
}
