package dev.resnettck.kernels.fast;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads every fast kernel runs on: the calling thread and {@link #threads()} - 1 workers of its
 * own. Work is split into indexed tasks whose results do not depend on which thread runs them, so
 * outputs are bit-identical for any thread count. The count is {@code -Dtck.threads=N}, by default
 * every visible core.
 *
 * <p>A worker that has finished its share spins for {@link #SPIN_NANOS} before it parks: a training
 * step calls {@link #forEach} hundreds of times, often a few microseconds apart, and a parked thread
 * took 30-60 us to join a call on this virtual machine (a ForkJoinPool's workers park at once).
 */
public final class Parallel {
    private static final int THREADS = Math.max(1, Integer.getInteger("tck.threads",
            Runtime.getRuntime().availableProcessors()));
    private static final long SPIN_NANOS = 200_000;
    private static final Worker[] WORKERS = new Worker[THREADS - 1];
    /** Held by the one call the workers serve; a call that finds it taken (a nested or concurrent one) runs alone. */
    private static final AtomicBoolean BUSY = new AtomicBoolean();

    static {
        for (int i = 0; i < WORKERS.length; i++) {
            WORKERS[i] = new Worker("resnet-tck-kernel-" + i);
            WORKERS[i].start();
        }
    }

    private Parallel() {
    }

    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body.accept(i)} once for every i in [0, count), on the calling thread and up to {@link
     * #threads()} - 1 workers, together; tasks go one at a time to whichever thread is free. A task's
     * failure is rethrown on the calling thread, and no thread starts another task after it.
     */
    public static void forEach(int count, IntConsumer body) {
        forEach(count, body, null);
    }

    /**
     * {@link #forEach(int, IntConsumer)}, the calling thread first running {@code first} (if not null) while
     * the workers already take tasks: work of its own that the tasks do not need, or need only late (an
     * output array, which the JVM zeroes on the allocating thread alone: {@link LateArray}). Run alone,
     * {@code first} runs before the tasks.
     */
    static void forEach(int count, IntConsumer body, Runnable first) {
        if (count <= 0 || count == 1 || THREADS == 1 || !BUSY.compareAndSet(false, true)) {
            if (first != null) {
                first.run();
            }
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        try {
            Job job = new Job(count, body, Math.min(THREADS, count) - 1);
            for (int w = 0; w < job.helpers; w++) {
                WORKERS[w].post(job);
            }
            if (first != null) {
                try {
                    first.run();
                } catch (RuntimeException | Error e) {
                    job.next.set(count); // no more tasks start; the workers end within one
                    while (job.pending.get() > 0) {
                        pause();
                    }
                    throw e;
                }
            }
            job.share();
            while (job.pending.get() > 0) { // the workers end within one task of the caller
                pause();
            }
            Throwable failure = job.failure;
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        } finally {
            BUSY.set(false);
        }
    }

    /** What {@link #forRanges} runs on each range: {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void accept(int from, int to);
    }

    /**
     * Runs {@code body} on [0, length) cut into ranges of {@code chunk} (the last one shorter), as tasks of
     * {@link #forEach}: for element-wise work over long arrays (gradients, optimizer state).
     */
    public static void forRanges(int length, int chunk, Range body) {
        forRanges(length, chunk, body, null);
    }

    /** {@link #forRanges(int, int, Range)} with the calling thread's {@code first}, as {@link #forEach(int, IntConsumer, Runnable)} runs it. */
    static void forRanges(int length, int chunk, Range body, Runnable first) {
        forEach((length + chunk - 1) / chunk, i -> body.accept(i * chunk, Math.min(length, (i + 1) * chunk)), first);
    }

    /**
     * A wait's step: yielding, so that a waiting thread never holds up the one it waits for where the two
     * share a core (spinning alone, one JVM in three ran the gate's training step 50% slower).
     */
    static void pause() {
        Thread.onSpinWait();
        Thread.yield();
    }

    /** One call's tasks, taken from a shared counter. */
    private static final class Job {
        final int count;
        final IntConsumer body;
        final int helpers;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger pending;
        volatile Throwable failure;

        Job(int count, IntConsumer body, int helpers) {
            this.count = count;
            this.body = body;
            this.helpers = helpers;
            this.pending = new AtomicInteger(helpers);
        }

        void share() {
            try {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    body.accept(i);
                }
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                }
                next.set(count);
            }
        }
    }

    /** A daemon thread that runs the jobs posted to it, spinning a while between them before it parks. */
    private static final class Worker extends Thread {
        private volatile Job job;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        void post(Job j) {
            job = j;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (true) {
                Job j = awaitJob();
                job = null;
                j.share();
                j.pending.decrementAndGet();
            }
        }

        private Job awaitJob() {
            long start = System.nanoTime();
            Job j;
            while ((j = job) == null && System.nanoTime() - start < SPIN_NANOS) {
                pause();
            }
            while ((j = job) == null) {
                LockSupport.park(this);
            }
            return j;
        }
    }
}
