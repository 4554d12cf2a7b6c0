package dev.resnettck.kernels.fast;

import java.util.Arrays;

/**
 * Convolution weights (oc, ic, kh, kw) packed as the lanes of {@link Tile}: panel j holds lanes
 * {@code [j * NR, (j + 1) * NR)} of the output channels, depth k at {@code (j * depth + k) * NR + lane},
 * depth tap-major ({@code k = tap * channels + channel}); lanes past the last channel are zero.
 */
final class WeightPanels {
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
        return forward(w, oc, ic, taps, live, new float[panels(oc) * taps * ic * Tile.NR], null);
    }

    /**
     * As {@link #forward(float[], int, int, int, boolean[])}, in this thread's scratch array (valid
     * until this thread packs again): a training step packs every layer anew, and would otherwise
     * allocate its packed weights twice a layer (JMH -prof gc: the gate's step 214.7 -> 126.0 MB;
     * its time did not move beyond noise). The calling thread runs {@code first} (if not null: allocating
     * the pass's output, {@link LateArray}) while the workers pack.
     */
    static float[] forwardScratch(float[] w, int oc, int ic, int taps, boolean[] live, Runnable first) {
        return forward(w, oc, ic, taps, live, Scratch.floats(Scratch.PACKED, panels(oc) * taps * ic * Tile.NR), first);
    }

    /** Panel j alone of {@link #forward(float[], int, int, int, boolean[])}, into {@code out} from 0. */
    static void forwardPanel(float[] w, int oc, int ic, int taps, boolean[] live, int j, float[] out) {
        int[] taken = liveOnly(live);
        int run = Transpose16.suits() ? Transpose16.N : Tile.NR;
        for (int lane0 = 0; lane0 < Tile.NR; lane0 += run) {
            forwardLanes(w, oc, ic, taps, live, taken, j, lane0, run, 0, out);
        }
    }

    /** The run of lanes {@code lane0...} of panel j, whose depth starts at packed row {@code depth0}. */
    private static void forwardLanes(float[] w, int oc, int ic, int taps, boolean[] live, int[] taken, int j, int lane0,
            int run, int depth0, float[] out) {
        int depth = taps * ic;
        int lanes = Math.max(0, Math.min(run, oc - j * Tile.NR - lane0));
        if (Transpose16.suits() && lanes == Transpose16.N) {
            forwardRun(w, depth, ic, taps, live, depth0, j * Tile.NR + lane0, lane0, out);
        } else {
            forwardByFloat(w, depth, ic, taps, taken, depth0, j * Tile.NR + lane0, lane0, lanes, run, out);
        }
    }

    /**
     * Every live tap's rows of {@code out}, lanes past the last channel zeroed (out may hold an earlier packing);
     * the calling thread runs {@code first} (if not null) while the workers start.
     */
    private static float[] forward(float[] w, int oc, int ic, int taps, boolean[] live, float[] out, Runnable first) {
        int depth = taps * ic; // also the length of a weight row (one output channel's weights)
        int[] taken = liveOnly(live);
        // a task per run of lanes: 16 of them (each weight row read once, in 16-float vectors, each packed
        // run written as one vector: Transpose16) or, without 16-lane vectors, a whole panel
        int run = Transpose16.suits() ? Transpose16.N : Tile.NR;
        int runs = Tile.NR / run;
        int panels = panels(oc);
        // neighbouring tasks in different panels: a 16-lane run is half a packed row, and the two halves of a
        // row share a cache line (the array's header offsets its rows), which two threads would both write
        Parallel.forEach(panels * runs, task -> {
            int j = task % panels;
            forwardLanes(w, oc, ic, taps, live, taken, j, task / panels * run, run, j * depth, out);
        }, first);
        return out;
    }

    /**
     * 16 lanes of one panel (weight rows {@code row0..row0+15}, whose depth starts at packed row {@code
     * depth0}), 16 floats of each weight row at a time: the floats at row position q are channel q / taps
     * of tap q % taps; a run of a tap that is not live is not written.
     */
    private static void forwardRun(float[] w, int rowStride, int ic, int taps, boolean[] live, int depth0, int row0,
            int lane0, float[] out) {
        int n = Transpose16.N;
        int first = row0 * rowStride;
        int[] to = new int[n];
        int q = 0;
        for (; q + n <= rowStride; q += n) {
            for (int c = 0; c < n; c++) {
                int ch = (q + c) / taps;
                int t = q + c - ch * taps;
                to[c] = live[t] ? (depth0 + t * ic + ch) * Tile.NR + lane0 : -1;
            }
            Transpose16.columns(w, first + q, rowStride, out, to);
        }
        for (; q < rowStride; q++) { // the row's last floats, fewer than 16
            int ch = q / taps;
            int t = q - ch * taps;
            if (live[t]) {
                int at = (depth0 + t * ic + ch) * Tile.NR + lane0;
                for (int r = 0; r < n; r++) {
                    out[at + r] = w[first + r * rowStride + q];
                }
            }
        }
    }

    /**
     * {@code run} lanes of one panel a float at a time, the first {@code lanes} of them weight rows {@code
     * row0...}, the rest zeroed: each packed run written whole, its lanes read a weight row apart (against
     * reading each weight row in order and writing a lane at a time into every packed row, PackTimes, 2
     * threads: 2048->512 1x1 2.29-2.30 -> 1.16-1.20 ms).
     */
    private static void forwardByFloat(float[] w, int rowStride, int ic, int taps, int[] taken, int depth0, int row0,
            int lane0, int lanes, int run, float[] out) {
        for (int ch = 0; ch < ic; ch++) {
            for (int t : taken) {
                int to = (depth0 + t * ic + ch) * Tile.NR + lane0;
                int from = row0 * rowStride + ch * taps + t;
                for (int lane = 0; lane < lanes; lane++, from += rowStride) {
                    out[to + lane] = w[from];
                }
                Arrays.fill(out, to + lanes, to + run, 0f);
            }
        }
    }

    /**
     * An input gradient's, one stride phase of it: lanes = the forward's input channels, depth =
     * (sub-kernel tap v, output channel), where v reads the forward's kernel tap {@code tapOf[v]};
     * sub-kernel taps that are not {@code live} are not packed. In this thread's scratch array (valid
     * until this thread packs again), lanes past the last channel zeroed.
     */
    static float[] inputGradient(float[] w, int oc, int ic, int taps, int[] tapOf, boolean[] live) {
        return inputGradient(w, oc, ic, taps, new int[][] {tapOf}, new boolean[][] {live}, null).data();
    }

    /**
     * Several stride phases' panels, {@code data} from {@code start[p]} on laid out as {@link
     * #inputGradient(float[], int, int, int, int[], boolean[])} lays out phase p's alone.
     */
    record Phases(float[] data, int[] start) {
    }

    /**
     * Every stride phase's input-gradient panels (phase p: sub-kernel taps {@code tapOf[p]}, those
     * {@code live[p]} packed) in one pass over the weights: each kernel tap belongs to one phase, and
     * the 16 x 16 blocks that carry all taps of 16 lanes are read once, not once per phase (a 512->512
     * 3x3 stride-2 layer's 9.4 MB were read four times, 0.8 ms each). The calling thread runs {@code
     * meanwhile} (if not null: allocating the input gradient, {@link LateArray}) while the workers pack.
     */
    static Phases inputGradient(float[] w, int oc, int ic, int taps, int[][] tapOf, boolean[][] live, Runnable meanwhile) {
        int panels = panels(ic);
        int[] start = new int[tapOf.length];
        int size = 0;
        // per kernel tap, the phase's start and depth and the live sub-kernel tap that reads it (-1: none)
        int[] tapStart = new int[taps];
        int[] tapDepth = new int[taps];
        int[] subTap = new int[taps];
        Arrays.fill(subTap, -1);
        for (int p = 0; p < tapOf.length; p++) {
            start[p] = size;
            int depth = tapOf[p].length * oc;
            for (int v = 0; v < tapOf[p].length; v++) {
                if (live[p][v]) {
                    int t = tapOf[p][v];
                    tapStart[t] = start[p];
                    tapDepth[t] = depth;
                    subTap[t] = v;
                }
            }
            size += panels * depth * Tile.NR;
        }
        float[] out = Scratch.floats(Scratch.PACKED, size);
        int run = transposedInputRuns(taps) ? Transpose16.N : Tile.NR;
        int runs = Tile.NR / run;
        Parallel.forEach(panels * runs, task -> { // neighbouring tasks in different panels, as in forward's packing
            int j = task % panels;
            int lane0 = task / panels * run;
            int lanes = Math.max(0, Math.min(run, ic - j * Tile.NR - lane0));
            // per kernel tap, where output channel 0's packed run goes (-1: not packed); channel o's is o * NR further
            int[] first = new int[Math.max(taps, Transpose16.N)];
            Arrays.fill(first, -1);
            for (int t = 0; t < taps; t++) {
                if (subTap[t] >= 0) {
                    first[t] = tapStart[t] + (j * tapDepth[t] + subTap[t] * oc) * Tile.NR + lane0;
                }
            }
            inputGradientRuns(w, oc, ic, taps, j, lane0, lanes, first, out);
        }, meanwhile);
        return new Phases(out, start);
    }

    /**
     * Lanes {@code lane0..lane0 + lanes} of panel j (a run of {@code Transpose16.N} or {@code NR}), every output
     * channel o of kernel tap t to {@code out[first[t] + o * NR...]} (none where first[t] is -1), lanes up to the
     * run's end zeroed.
     */
    private static void inputGradientRuns(float[] w, int oc, int ic, int taps, int j, int lane0, int lanes, int[] first,
            float[] out) {
        // an output channel's weights for one tap lie taps floats apart from input channel (lane) to the
        // next, its taps side by side: with 16-lane vectors and 2 to 16 taps, 16 lanes are read as a 16 x 16
        // block (lane r's taps from float r * taps on, the columns past the last tap unused) and each tap's
        // column written whole (Transpose16); a 1x1 kernel's lanes are contiguous, copied a panel row at a time
        boolean transposed = transposedInputRuns(taps);
        int run = transposed ? Transpose16.N : Tile.NR;
        int[] to = new int[Transpose16.N];
        for (int o = 0; o < oc; o++) {
            int from = (o * ic + j * Tile.NR + lane0) * taps;
            if (transposed && lanes == run && from + (lanes - 1) * taps + Transpose16.N <= w.length) {
                for (int c = 0; c < Transpose16.N; c++) {
                    to[c] = first[c] < 0 ? -1 : first[c] + o * Tile.NR;
                }
                Transpose16.columns(w, from, taps, out, to);
                continue;
            }
            for (int t = 0; t < taps; t++) {
                if (first[t] >= 0) {
                    int at = first[t] + o * Tile.NR;
                    if (taps == 1) {
                        System.arraycopy(w, from, out, at, lanes);
                    } else {
                        for (int lane = 0; lane < lanes; lane++) {
                            out[at + lane] = w[from + lane * taps + t];
                        }
                    }
                    Arrays.fill(out, at + lanes, at + run, 0f);
                }
            }
        }
    }

    private static boolean transposedInputRuns(int taps) {
        return Transpose16.suits() && taps > 1 && taps <= Transpose16.N;
    }

    /**
     * Panel j alone of every stride phase's input-gradient panels ({@link #inputGradient(float[], int, int, int,
     * int[][], boolean[][], Runnable)}: phase p's with its sub-kernel taps {@code tapOf[p]}), phase p's into
     * {@code out} from {@code at[p]}, in one sweep over the weights.
     */
    static void inputGradientPanel(float[] w, int oc, int ic, int taps, int[][] tapOf, boolean[][] live, int j, int[] at,
            float[] out) {
        int run = transposedInputRuns(taps) ? Transpose16.N : Tile.NR;
        int[] first = new int[Math.max(taps, Transpose16.N)];
        for (int lane0 = 0; lane0 < Tile.NR; lane0 += run) {
            Arrays.fill(first, -1);
            for (int p = 0; p < tapOf.length; p++) {
                for (int v = 0; v < tapOf[p].length; v++) {
                    if (live[p][v]) {
                        first[tapOf[p][v]] = at[p] + v * oc * Tile.NR + lane0;
                    }
                }
            }
            inputGradientRuns(w, oc, ic, taps, j, lane0, Math.max(0, Math.min(run, ic - j * Tile.NR - lane0)), first, out);
        }
    }
}
