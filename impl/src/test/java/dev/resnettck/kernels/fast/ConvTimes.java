package dev.resnettck.kernels.fast;

import dev.resnettck.kernels.ConvGeometry;
import dev.resnettck.nn.Size2;
import dev.resnettck.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Best-of-N milliseconds of the float32 convolutions (ChannelsLastConv, or FastConv with {@code -Dkernel=gemm}) forward, input gradient and weight gradient on a few
 * shapes, with a hash of each output so a change can be shown to leave every bit as it was (not a
 * test). After a build: {@code java --add-modules jdk.incubator.vector -cp
 * impl/target/test-classes:impl/target/classes dev.resnettck.kernels.fast.ConvTimes}; shapes as
 * {@code -Dshapes="n,c,hw,oc,k,stride,pad;..."}, {@code -Dreps=12}, {@code -Dfwdonly=true}, {@code -Dnograd=true} (forward as in inference: packed weights kept),
 * {@code -Dfloor=true} (also the forward's memory floor: see {@link #trafficFloor}). Each shape's
 * second line gives the median of the later half of the repetitions, which a quiet moment flatters less.
 */
public final class ConvTimes {
    public static void main(String[] args) {
        int[][] shapes = { // n, c, hw, oc, k, stride, pad
            {8, 64, 56, 64, 3, 1, 1}, {8, 256, 56, 64, 1, 1, 0}, {8, 128, 56, 128, 3, 2, 1}, {8, 512, 7, 512, 3, 1, 1},
            {8, 128, 28, 128, 3, 1, 1}, {8, 1024, 14, 256, 1, 1, 0}, {1, 3, 224, 64, 7, 2, 3}};
        String only = System.getProperty("only", "");
        if (System.getProperty("shapes") != null) {
            String[] parts = System.getProperty("shapes").split(";");
            shapes = new int[parts.length][];
            for (int i = 0; i < parts.length; i++) shapes[i] = java.util.Arrays.stream(parts[i].split(",")).mapToInt(Integer::parseInt).toArray();
        }
        dev.resnettck.kernels.ConvKernels conv = System.getProperty("kernel", "channels-last").equals("gemm")
                ? new FastConv(Accumulation.FLOAT32) : new ChannelsLastConv(Accumulation.FLOAT32);
        java.util.Random r = new java.util.Random(7);
        for (int[] s : shapes) {
            String name = s[1] + "->" + s[3] + " " + s[4] + "x" + s[4] + "/" + s[5] + " @" + s[2] + " b" + s[0];
            if (!only.isEmpty() && !name.contains(only)) continue;
            ConvGeometry g = ConvGeometry.of(new int[]{s[0], s[1], s[2], s[2]}, new int[]{s[3], s[1], s[4], s[4]},
                    new Size2(s[5], s[5]), new Size2(s[6], s[6]));
            Tensor x = rand(r, s[0], s[1], s[2], s[2]);
            Tensor w = rand(r, s[3], s[1], s[4], s[4]);
            Tensor gy = rand(r, g.outputShape());
            if (conv instanceof ChannelsLastConv) { // as the layers around it hand it its operands
                x = x.toChannelsLast();
                gy = gy.toChannelsLast();
            }
            double gflop = 2.0 * s[0] * s[3] * g.oh() * g.ow() * s[1] * s[4] * s[4] / 1e9;
            double[] best = {1e9, 1e9, 1e9};
            int[] hash = new int[3];
            int reps = Integer.getInteger("reps", 12);
            double[][] times = new double[3][reps];
            for (int rep = 0; rep < reps; rep++) {
                long t0 = System.nanoTime();
                Tensor xx = x;
                Tensor ww = w;
                Tensor y = Boolean.getBoolean("nograd") ? dev.resnettck.nn.GradMode.noGrad(() -> conv.forward(xx, ww, null, g))
                        : conv.forward(x, w, null, g);
                long t1 = System.nanoTime();
                Tensor dx = Boolean.getBoolean("fwdonly") ? y : conv.backwardInput(gy, w, g);
                long t2 = System.nanoTime();
                Tensor dw = Boolean.getBoolean("fwdonly") ? y : conv.backwardWeight(gy, x, g);
                long t3 = System.nanoTime();
                best[0] = Math.min(best[0], (t1 - t0) / 1e6);
                best[1] = Math.min(best[1], (t2 - t1) / 1e6);
                best[2] = Math.min(best[2], (t3 - t2) / 1e6);
                times[0][rep] = (t1 - t0) / 1e6;
                times[1][rep] = (t2 - t1) / 1e6;
                times[2][rep] = (t3 - t2) / 1e6;
                if (Boolean.getBoolean("fwdonly")) continue;
                hash[0] = java.util.Arrays.hashCode(y.contiguous().data());
                hash[1] = java.util.Arrays.hashCode(dx.contiguous().data());
                hash[2] = java.util.Arrays.hashCode(dw.contiguous().data());
            }
            System.out.printf("%-26s fwd %7.2f ms (%5.1f GF/s) dx %7.2f (%5.1f) dw %7.2f (%5.1f)  hash %08x %08x %08x%s%n", name,
                    best[0], gflop / best[0] * 1e3, best[1], gflop / best[1] * 1e3, best[2], gflop / best[2] * 1e3,
                    hash[0], hash[1], hash[2], Boolean.getBoolean("floor") ? String.format("  floor %.2f ms",
                            trafficFloor(x.storage(), outputSize(g))) : "");
            System.out.printf("%-26s median of the later half: fwd %7.2f dx %7.2f dw %7.2f%n", name, laterMedian(times[0]),
                    laterMedian(times[1]), laterMedian(times[2]));
        }
    }

    /** The median of the later half of the repetitions (the earlier half is the JIT's warm-up). */
    private static double laterMedian(double[] times) {
        double[] later = java.util.Arrays.copyOfRange(times, times.length / 2, times.length);
        java.util.Arrays.sort(later);
        return later[later.length / 2];
    }

    private static int outputSize(ConvGeometry g) {
        return g.n() * g.oc() * g.oh() * g.ow();
    }

    /**
     * Best-of-N milliseconds of the forward's memory traffic alone, on every thread: allocate an output
     * as large as the convolution's (the JVM zeroes it), read the input once and write every output
     * element once; no arithmetic. A layer that reads its whole input and writes a new output (every
     * stride-1 layer) cannot be faster than this, whatever its kernel.
     */
    static double trafficFloor(float[] in, int outSize) {
        double best = 1e9;
        for (int rep = 0; rep < Integer.getInteger("reps", 12); rep++) {
            long t0 = System.nanoTime();
            float[] out = new float[outSize];
            int chunks = 64;
            Parallel.forEach(chunks, k -> {
                int inFrom = (int) ((long) in.length * k / chunks);
                int inTo = (int) ((long) in.length * (k + 1) / chunks);
                FloatVector s0 = FloatVector.zero(Tile.F);
                FloatVector s1 = s0;
                int i = inFrom;
                for (; i + 2 * Tile.L <= inTo; i += 2 * Tile.L) { // two sums, so the reads are not one add chain
                    s0 = s0.add(FloatVector.fromArray(Tile.F, in, i));
                    s1 = s1.add(FloatVector.fromArray(Tile.F, in, i + Tile.L));
                }
                float s = s0.add(s1).reduceLanes(VectorOperators.ADD);
                for (; i < inTo; i++) {
                    s += in[i];
                }
                int from = (int) ((long) outSize * k / chunks);
                int to = (int) ((long) outSize * (k + 1) / chunks);
                java.util.Arrays.fill(out, from, to, s);
            });
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            if (out[outSize - 1] == 42f) {
                System.out.print(""); // keeps the result alive
            }
        }
        return best;
    }

    static Tensor rand(java.util.Random r, int... shape) {
        int size = 1;
        for (int d : shape) size *= d;
        float[] a = new float[size];
        for (int i = 0; i < size; i++) a[i] = (float) r.nextGaussian();
        return Tensor.of(a, shape);
    }
}
