package dev.resnettck.kernels.fast;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The threads every fast kernel runs on: the calling thread and a shared pool's. Work is split into
 * indexed tasks whose results do not depend on which thread runs them, so outputs are bit-identical
 * for any thread count. The count is {@code -Dtck.threads=N}, by default every visible core.
 */
public final class Parallel {
    private static final int THREADS = Math.max(1, Integer.getInteger("tck.threads",
            Runtime.getRuntime().availableProcessors()));
    private static final AtomicInteger NAMED = new AtomicInteger();
    private static final ForkJoinPool POOL = new ForkJoinPool(THREADS, pool -> {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setDaemon(true);
        t.setName("resnet-tck-kernel-" + NAMED.getAndIncrement()); // the pool index is not set yet here
        return t;
    }, null, false);

    private Parallel() {
    }

    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body.accept(i)} once for every i in [0, count), on the calling thread and {@link #threads()}
     * - 1 of the pool's, together.
     */
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
        // the calling thread takes tasks too, so work starts before a parked worker has woken: 12 tasks of
        // 20 us on 2 threads took 170-189 us a call on average with the caller waiting, 146-156 us so (at
        // best 120); tasks go one at a time to whichever thread is free
        AtomicInteger next = new AtomicInteger();
        Runnable share = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                body.accept(i);
            }
        };
        ForkJoinTask<?>[] helpers = new ForkJoinTask<?>[Math.min(THREADS, count) - 1];
        for (int h = 0; h < helpers.length; h++) {
            helpers[h] = POOL.submit(share);
        }
        try {
            share.run();
        } finally {
            next.set(count); // after a failed task, no thread starts another
            for (ForkJoinTask<?> helper : helpers) {
                helper.quietlyJoin();
            }
        }
        for (ForkJoinTask<?> helper : helpers) {
            helper.join(); // rethrows a helper's failure
        }
    }
}
