package dev.resnettck.kernels.fast;

import java.util.Arrays;

/**
 * Best-of-200 milliseconds of packing a convolution's weights ({@link WeightPanels}) for the forward
 * pass and for the input gradient, on every thread, with a hash of each packed array so a change can
 * be shown to pack the same floats (not a test). A training step packs every layer's weights anew (into
 * scratch arrays, as timed here), so this is part of every forward+backward. After a build: {@code java --add-modules jdk.incubator.vector
 * -cp impl/target/test-classes:impl/target/classes dev.resnettck.kernels.fast.PackTimes}.
 */
public final class PackTimes {
    public static void main(String[] args) {
        int[][] shapes = {{256, 256, 9}, {512, 512, 9}, {64, 64, 9}, {1024, 256, 1}, {2048, 512, 1}, {512, 2048, 1},
            {64, 3, 49}}; // output channels, input channels, taps
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            for (int[] s : shapes) {
                int oc = s[0], ic = s[1], taps = s[2];
                float[] w = new float[oc * ic * taps];
                for (int i = 0; i < w.length; i++) {
                    w[i] = i * 1e-6f;
                }
                boolean[] live = new boolean[taps];
                Arrays.fill(live, true);
                int[] tapOf = new int[taps];
                for (int t = 0; t < taps; t++) {
                    tapOf[t] = taps - 1 - t;
                }
                double forward = 1e9, inputGradient = 1e9;
                int[] hash = new int[2];
                for (int rep = 0; rep < 200; rep++) {
                    // both pack into this thread's one scratch array, which may be longer than the packing
                    long t0 = System.nanoTime();
                    float[] f = WeightPanels.forwardScratch(w, oc, ic, taps, live, null);
                    long t1 = System.nanoTime();
                    hash[0] = Arrays.hashCode(Arrays.copyOf(f, WeightPanels.panels(oc) * taps * ic * Tile.NR));
                    long t2 = System.nanoTime();
                    float[] g = WeightPanels.inputGradient(w, oc, ic, taps, tapOf, live);
                    long t3 = System.nanoTime();
                    hash[1] = Arrays.hashCode(Arrays.copyOf(g, WeightPanels.panels(ic) * taps * oc * Tile.NR));
                    forward = Math.min(forward, (t1 - t0) / 1e6);
                    inputGradient = Math.min(inputGradient, (t3 - t2) / 1e6);
                }
                if (round == 1) {
                    System.out.printf("%d->%d, %d taps (%.1f MB): forward %.3f ms, input gradient %.3f ms  hash %08x %08x%n",
                            ic, oc, taps, w.length * 4e-6, forward, inputGradient, hash[0], hash[1]);
                }
            }
        }
    }
}
