package dev.resnettck.kernels.fast;

import java.util.Random;

/**
 * GFLOP/s of the register tile alone ({@link Tile#block}), on one thread, on operands that stay in
 * cache: the ceiling the convolutions' other costs (packing, task bookkeeping, memory traffic,
 * the second thread) are measured against (not a test). The tile's 12 rows are {@code depth} floats
 * apart, as a 1x1 convolution's pixels are; the lanes are a packed panel of {@code depth} x 32.
 * After a build: {@code java --add-modules jdk.incubator.vector -cp
 * impl/target/test-classes:impl/target/classes dev.resnettck.kernels.fast.TileTimes}; {@code
 * -Ddepth=256}, {@code -Dpeak=230.3} (one thread's float32 peak in GFLOP/s, from {@code ./tck
 * bench}'s header divided by its threads).
 */
public final class TileTimes {
    public static void main(String[] args) {
        int depth = Integer.getInteger("depth", 256);
        double peak = Double.parseDouble(System.getProperty("peak", "230.3"));
        Random random = new Random(1);
        float[] a = new float[Tile.MR * depth];
        float[] b = new float[depth * Tile.NR];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat();
        }
        int[] rows = new int[Tile.MR];
        for (int r = 0; r < Tile.MR; r++) {
            rows[r] = r * depth;
        }
        float[] c = new float[Tile.MR * Tile.NR];
        int calls = Math.max(1, 50_000_000 / depth);
        for (int round = 0; round < 6; round++) { // the first rounds include the JIT's warm-up
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                Tile.block(a, rows, 0, depth, b, 0, c, 0);
            }
            double gflops = 2.0 * Tile.MR * Tile.NR * depth * calls / (System.nanoTime() - t0);
            System.out.printf("depth %d, round %d: %.1f GFLOP/s, %.0f%% of one thread's peak%n", depth, round, gflops,
                    100 * gflops / peak);
        }
    }
}
