package dev.resnettck.kernels.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Parallel#forEach}: every task once, on the caller's and the workers' threads, failures reported,
 * calls from inside a task and from several threads at once included.
 */
class ParallelTest {
    @Test
    void everyTaskRunsExactlyOnce() {
        for (int count : new int[] {1, 2, 3, 12, 131, 1000}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(count);
            Parallel.forEach(count, runs::incrementAndGet);
            for (int i = 0; i < count; i++) {
                assertEquals(1, runs.get(i), "task " + i + " of " + count);
            }
        }
    }

    @Test
    void theCallerAndThePoolShareTheTasks() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 20 && threads.size() < Math.min(2, Parallel.threads()); round++) {
            Parallel.forEach(64, i -> {
                threads.add(Thread.currentThread());
                busy();
            });
        }
        assertEquals(Math.min(2, Parallel.threads()), threads.size(), "threads that ran tasks: " + threads);
        assertTrue(threads.contains(Thread.currentThread()), "the calling thread took no task: " + threads);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a task that waited for ever fails this
    void tasksThatWaitForALateArrayGetTheCallersAllocation() {
        for (int count : new int[] {1, 2, 50}) {
            LateArray late = new LateArray(1 << 20, null);
            AtomicIntegerArray runs = new AtomicIntegerArray(count);
            Parallel.forEach(count, i -> {
                late.await()[i] += 1f;
                runs.incrementAndGet(i);
            }, late::allocate);
            float[] out = late.get();
            for (int i = 0; i < count; i++) {
                assertEquals(1, runs.get(i), "task " + i + " of " + count);
                assertEquals(1f, out[i], "task " + i + " of " + count + " wrote the caller's array");
            }
        }
        float[] given = new float[3];
        assertSame(given, new LateArray(3, given).get(), "a given array is used as it is");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // as above
    void aFailingAllocationFailsTheCallAndTheTasksThatWaitForIt() {
        for (int count : new int[] {1, 8, 100}) {
            LateArray late = new LateArray(Integer.MAX_VALUE, null); // past the VM's limit: fails at once
            assertThrows(OutOfMemoryError.class, () -> Parallel.forEach(count, i -> late.await(), late::allocate),
                    "the caller's failure, " + count + " tasks");
            IllegalStateException waited = assertThrows(IllegalStateException.class, late::await);
            assertTrue(waited.getCause() instanceof OutOfMemoryError, "a task that waits names the cause: " + waited);
        }
    }

    @Test
    void aFailingTaskFailsTheCall() {
        IllegalStateException planted = new IllegalStateException("task 7");
        for (int count : new int[] {8, 100}) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> Parallel.forEach(count, i -> {
                if (i == 7) {
                    throw planted;
                }
            }));
            Throwable cause = thrown;
            while (cause != planted && cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertSame(planted, cause, "the failure reported for " + count + " tasks");
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a deadlock fails this test (the
    // stuck workers may then hang the tests after it: a Parallel without its BUSY guard hung the run so)
    void aCallInsideATaskRunsItsTasksToo() {
        AtomicIntegerArray runs = new AtomicIntegerArray(16 * 16);
        Parallel.forEach(16, i -> Parallel.forEach(16, j -> runs.incrementAndGet(i * 16 + j)));
        for (int k = 0; k < runs.length(); k++) {
            assertEquals(1, runs.get(k), "inner task " + k % 16 + " of outer task " + k / 16);
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // as above
    void callsFromSeveralThreadsAtOnceEachRunEveryTask() throws InterruptedException {
        int callers = 4;
        int tasks = 10;
        int rounds = 50;
        AtomicIntegerArray runs = new AtomicIntegerArray(callers * tasks);
        Thread[] threads = new Thread[callers];
        for (int c = 0; c < callers; c++) {
            int caller = c;
            threads[c] = new Thread(() -> {
                for (int round = 0; round < rounds; round++) {
                    Parallel.forEach(tasks, i -> runs.incrementAndGet(caller * tasks + i));
                }
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int k = 0; k < runs.length(); k++) {
            assertEquals(rounds, runs.get(k), "caller " + k / tasks + ", task " + k % tasks);
        }
    }

    private static void busy() {
        long until = System.nanoTime() + 200_000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
