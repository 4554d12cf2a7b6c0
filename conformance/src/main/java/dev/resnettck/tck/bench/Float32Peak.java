package dev.resnettck.tck.bench;

import dev.resnettck.kernels.fast.Parallel;
import java.util.Locale;
import java.util.concurrent.atomic.DoubleAdder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * This CPU's float32 peak, so that every benchmark line can say what share of it a contestant
 * reaches: {@code lanes x 2 flops x FMA units x threads x clock}. The vector width is the Vector
 * API's preferred one; the clock is measured by a dependent chain of one shift and one add per
 * iteration (two cycles on x86: each has a latency of one); the FMA units per core are read off a
 * loop of fused multiply-adds on 12 independent vector accumulators per thread (enough to cover the
 * FMA latency) on every thread of the kernels' pool: its flops per cycle over 2 x lanes, rounded
 * (2 on AVX-512 parts with two FMA units). The loop's own figure is kept as what it reached: it reads
 * low when anything else shares the cores (measured 383 GFLOP/s beside a libtorch that had just run,
 * 436-446 alone, on a peak of about 445), which the rounded unit count is not. Both are the best
 * of {@link #BURSTS} short bursts: anything else on the cores (another process, the JIT, the VM's
 * host) only ever slows a burst down, and single bursts read a clock of 2.23 GHz on a 3.6 GHz part,
 * and an FMA loop at 46 flops per cycle (rounded to one FMA unit), in quick runs of 2026-12-04.
 */
record Float32Peak(double gflops, double loopGflops, int fmaUnits, double clockGhz, int lanes, int threads) {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    static Float32Peak measure() {
        double clock = measureClockGhz();
        int threads = Parallel.threads();
        DoubleAdder sink = new DoubleAdder();
        // warm-up: many short calls, so the loop is compiled with its vectors in registers before it is timed
        for (int i = 0; i < 3_000; i++) {
            sink.add(fmaLoop(2_000));
        }
        long iterations = 1_000_000L;
        int calls = 40;
        double flops = (double) threads * calls * iterations * 12 * F.length() * 2; // one burst's
        double loop = 0;
        for (int burst = 0; burst < BURSTS; burst++) {
            long start = System.nanoTime();
            Parallel.forEach(threads, t -> {
                for (int i = 0; i < calls; i++) {
                    sink.add(fmaLoop(iterations));
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            loop = Math.max(loop, flops / seconds / 1e9);
        }
        if (sink.sum() == 42) {
            System.out.print(""); // keeps the loops' results alive
        }
        int units = Math.max(1, (int) Math.round(loop / threads / clock / (2.0 * F.length())));
        return new Float32Peak(2.0 * F.length() * units * threads * clock, loop, units, clock, F.length(), threads);
    }

    /** Flops per cycle per thread that the FMA loop reached. */
    double flopsPerCycle() {
        return loopGflops / threads / clockGhz;
    }

    /** {@code part} GFLOP/s as a share of the peak. */
    double share(double part) {
        return part / gflops;
    }

    String describe() {
        return String.format(Locale.ROOT, "%.0f GFLOP/s = %d lanes x 2 flops x %d FMA units x %d threads x %.2f GHz "
                + "(clock measured by a dependent shift+add chain, 2 cycles per step; FMA units read off an FMA loop "
                + "of 12 accumulators per thread, which reached %.0f GFLOP/s, %.1f flops per cycle per thread)", gflops,
                lanes, fmaUnits, threads, clockGhz, loopGflops, flopsPerCycle());
    }

    private static double measureClockGhz() {
        long steps = 20_000_000L;
        long x = 0;
        for (int i = 0; i < 200; i++) {
            x += chain(100_000);
        }
        double best = 0;
        for (int burst = 0; burst < BURSTS; burst++) {
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                x += chain(steps);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, 2.0 * 10 * steps / seconds / 1e9);
        }
        if (x == 42) {
            System.out.print("");
        }
        return best;
    }

    /** Bursts per measurement, the fastest kept: about a second in all. */
    static final int BURSTS = 5;

    private static long chain(long steps) {
        long x = System.nanoTime() | 1;
        for (long i = 0; i < steps; i++) {
            x += x >>> 63;
        }
        return x;
    }

    private static double fmaLoop(long iterations) {
        FloatVector m = FloatVector.broadcast(F, 0.999999f);
        FloatVector a = FloatVector.broadcast(F, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(F, 1f);
        FloatVector c1 = c0.add(a);
        FloatVector c2 = c1.add(a);
        FloatVector c3 = c2.add(a);
        FloatVector c4 = c3.add(a);
        FloatVector c5 = c4.add(a);
        FloatVector c6 = c5.add(a);
        FloatVector c7 = c6.add(a);
        FloatVector c8 = c7.add(a);
        FloatVector c9 = c8.add(a);
        FloatVector c10 = c9.add(a);
        FloatVector c11 = c10.add(a);
        for (long i = 0; i < iterations; i++) {
            c0 = c0.fma(m, a);
            c1 = c1.fma(m, a);
            c2 = c2.fma(m, a);
            c3 = c3.fma(m, a);
            c4 = c4.fma(m, a);
            c5 = c5.fma(m, a);
            c6 = c6.fma(m, a);
            c7 = c7.fma(m, a);
            c8 = c8.fma(m, a);
            c9 = c9.fma(m, a);
            c10 = c10.fma(m, a);
            c11 = c11.fma(m, a);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
