package dev.resnettck.kernels.fast;

/** Per-thread work buffers, grown when needed and reused, so hot loops allocate nothing. */
final class Scratch {
    private static final int SLOTS = 7;
    /** The floats slot of a convolution's packed weights, which live for one pass on the calling thread. */
    static final int PACKED = 4;
    /** The floats slot of the lane panel a convolution's task packs for itself, one per pass ({@link PixelConvolution#runPacking}). */
    static final int LANE_PANEL = 3;
    /** The floats slots of a Winograd convolution's transformed patches and products ({@link WinogradConvolution}). */
    static final int WINOGRAD_PATCHES = 5;
    static final int WINOGRAD_PRODUCTS = 6;
    private static final ThreadLocal<double[][]> DOUBLES = ThreadLocal.withInitial(() -> new double[SLOTS][]);
    private static final ThreadLocal<float[][]> FLOATS = ThreadLocal.withInitial(() -> new float[SLOTS][]);

    private Scratch() {
    }

    /** A buffer of at least {@code size} doubles for {@code slot}; its contents are whatever was left in it. */
    static double[] doubles(int slot, int size) {
        double[][] mine = DOUBLES.get();
        if (mine[slot] == null || mine[slot].length < size) {
            mine[slot] = new double[Math.max(size, mine[slot] == null ? 0 : mine[slot].length * 3 / 2)];
        }
        return mine[slot];
    }

    /** A buffer of at least {@code size} floats for {@code slot}; its contents are whatever was left in it. */
    static float[] floats(int slot, int size) {
        float[][] mine = FLOATS.get();
        if (mine[slot] == null || mine[slot].length < size) {
            mine[slot] = new float[Math.max(size, mine[slot] == null ? 0 : mine[slot].length * 3 / 2)];
        }
        return mine[slot];
    }
}
