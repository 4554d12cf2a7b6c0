package dev.resnettck.kernels.fast;

/**
 * A new output array that the calling thread allocates while the workers already run work that
 * does not write it yet ({@link Parallel#forEach(int, java.util.function.IntConsumer, Runnable)}):
 * the JVM zeroes a new array on the allocating thread alone, and meanwhile the other cores waited.
 * A convolution's output is allocated while the workers pad its input or pack or compare its
 * weights; a weight gradient's while they sum their tiles. Measured in one JVM alternating with the
 * array allocated first (batch 8, medians of per-round ratios, 20-24 rounds, the same bits): weight
 * gradient 512->512 3x3 @7 -4.5%, 1024->2048 1x1/2 @14 -2.1%, 512->2048 1x1 @7 -2.1%; inference
 * forward 512->2048 1x1 @7 -4.3%, 64->64 3x3 @56 -3.6%, 128->128 3x3/2 @56 -2.0%; input gradient 64->64
 * 3x3 @56 -4.2%, 128->512 1x1 @28 -2.6%; training forward 64->64 3x3 @56 -3.8%; the other 20 pairs of
 * shape and pass timed -1.9% to +0.9%.
 */
final class LateArray {
    private final int length;
    private volatile float[] data;
    private volatile Throwable failure;

    /** @param given the array to write, if the caller has one (then nothing is allocated); else null */
    LateArray(int length, float[] given) {
        this.length = length;
        this.data = given;
    }

    /** Allocates the array, if not yet done: on one thread only (the calling thread's {@code first}). */
    void allocate() {
        if (data == null) {
            try {
                data = new float[length];
            } catch (RuntimeException | Error e) { // out of memory: the waiting tasks fail too, and the call ends
                failure = e;
                throw e;
            }
        }
    }

    /** The array, allocated now if not yet: on the thread that allocates it. */
    float[] get() {
        allocate();
        return data;
    }

    /** The array, once allocated: a task that needs it sooner waits for it. */
    float[] await() {
        float[] d;
        while ((d = data) == null) {
            if (failure != null) {
                throw new IllegalStateException("the output array of " + length + " floats was not allocated", failure);
            }
            Parallel.pause();
        }
        return d;
    }
}
