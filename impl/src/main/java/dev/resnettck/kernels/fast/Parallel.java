package dev.resnettck.kernels.fast;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The shared pool every fast kernel runs on. Work is split into indexed tasks whose results do
 * not depend on which thread runs them, so outputs are bit-identical for any thread count.
 * The size is {@code -Dtck.threads=N}, by default every visible core.
 */
public final class Parallel {
    private static final int THREADS = Math.max(1, Integer.getInteger("tck.threads",
            Runtime.getRuntime().availableProcessors()));
    private static final ForkJoinPool POOL = new ForkJoinPool(THREADS, pool -> {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setDaemon(true);
        t.setName("resnet-tck-kernel-" + t.getPoolIndex());
        return t;
    }, null, false);

    private Parallel() {
    }

    public static int threads() {
        return THREADS;
    }

    /** Runs {@code body.accept(i)} once for every i in [0, count), spread over the pool. */
    public static void forEach(int count, IntConsumer body) {
        if (count <= 0) {
            return;
        }
        if (count == 1 || THREADS == 1) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        POOL.submit(() -> IntStream.range(0, count).parallel().forEach(body)).join();
    }
}
