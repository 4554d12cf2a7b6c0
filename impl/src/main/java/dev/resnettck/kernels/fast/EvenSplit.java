package dev.resnettck.kernels.fast;

/**
 * How many near-equal pieces to cut a task set's work into, so that the tasks spread evenly over the
 * kernels' threads ({@link Parallel}): nine equal tasks on two threads take as long as ten (one thread
 * runs five while the other idles for one), which cost ResNet50's 14x14 layers at batch 8 an eighth of
 * their time. Which task computes an output never changes its bits, so the count may depend on the
 * thread count.
 */
final class EvenSplit {
    /** The share of the threads' time the tasks must keep busy for a count to be taken at once. */
    private static final double EVEN = 0.97;

    private EvenSplit() {
    }

    /**
     * The number of pieces, at least {@code least}, to cut {@code size} units into ({@code tiles(size,
     * count)} units each, the last fewer), each piece run as {@code repeat} tasks of equal size: the first
     * count from {@code least} on whose tasks keep the threads {@link #EVEN} busy, else the busiest count
     * up to twice {@code least} (more, smaller pieces cost their own overhead).
     */
    static int pieces(int size, int least, int repeat, int threads) {
        if (threads == 1) {
            return least;
        }
        int best = least;
        double bestBusy = 0;
        for (int count = least; count <= Math.min(size, 2 * least); count++) {
            double busy = busy(size, count, repeat, threads);
            if (busy >= EVEN) {
                return count;
            }
            if (busy > bestBusy) {
                best = count;
                bestBusy = busy;
            }
        }
        return best;
    }

    /**
     * The share of the threads' time busy when {@code size} units, cut into pieces of {@code tiles(size,
     * count)} units, each run as {@code repeat} tasks, are run by {@code threads} threads in rounds of
     * the largest piece.
     */
    static double busy(int size, int count, int repeat, int threads) {
        int piece = Gemm.tiles(size, count);
        long tasks = (long) Gemm.tiles(size, piece) * repeat;
        long rounds = (tasks + threads - 1) / threads;
        return (double) size * repeat / (threads * rounds * piece);
    }
}
