package dev.resnettck.tck.bench;

import dev.resnettck.resnet.ResNetSpec;
import java.util.List;
import java.util.Locale;

/**
 * Best-of-N wall times of every distinct ResNet50 convolution (ConvBench's shapes at batch 8, and the
 * stem at batch 1), ours against libtorch alternating in one JVM (in bursts of calls, the first of each
 * burst not counted), with GFLOP/s and the share of this
 * CPU's measured float32 peak (not a test). Run from the repository root after a build:
 * {@code java -Dai.djl.offline=true --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
 * -cp "conformance/target/test-classes:conformance/target/classes:conformance/target/lib/*"
 * dev.resnettck.tck.bench.ConvRatios} ({@code -Dshapes=0,2,6 -Dreps=10 -Dwarmup=5 -Dpass=fwd|fwdbwd|both -Dimpl=fast
 * -Dmodel=resnet34 -Dbatch=1}).
 * libtorch 2.7.1 crashes (SIGFPE in oneDNN's 1x1 backward blocking) on shape 14 forward+backward on some CPUs:
 * leave it out of {@code -Dshapes} there.
 */
public final class ConvRatios {
    private static final int BURST = Integer.getInteger("burst", 3);

    public static void main(String[] args) {
        ResNetSpec model = System.getProperty("model", "resnet50").equals("resnet34") ? ResNetSpec.RESNET34 : ResNetSpec.RESNET50;
        List<ConvShapes.Shape> shapes = ConvShapes.distinct(model, 224);
        String batches = System.getProperty("batch", "");
        String pick = System.getProperty("shapes", "all");
        int reps = Integer.getInteger("reps", 10);
        String pass = System.getProperty("pass", "both");
        String impl = System.getProperty("impl", "fast");
        Float32Peak peak = Float32Peak.measure();
        System.out.println("float32 peak: " + peak.describe());
        for (int index = 0; index < shapes.size(); index++) {
            if (!pick.equals("all") && !List.of(pick.split(",")).contains(Integer.toString(index))) {
                continue;
            }
            for (String which : pass.equals("both") ? new String[] {"fwd", "fwdbwd"} : new String[] {pass}) {
                int[] batchList = !batches.isEmpty() ? new int[] {Integer.parseInt(batches)}
                        : index == 0 ? new int[] {1, 8} : new int[] {8};
                for (int batch : batchList) {
                    ConvBench[] b = new ConvBench[2];
                    String[] impls = {impl, "torch"};
                    double[] best = {1e18, 1e18};
                    for (int i = 0; i < 2; i++) {
                        b[i] = new ConvBench();
                        b[i].shape = index;
                        b[i].model = model;
                        b[i].batch = batch;
                        b[i].impl = impls[i];
                        b[i].setUp();
                    }
                    for (int r = -Integer.getInteger("warmup", 5); r < reps; r++) {
                        for (int i = 0; i < 2; i++) {
                            // a burst of calls, the first not counted: it pays for the other contestant's
                            // threads (libtorch's OpenMP threads spin on the cores for a while after a call)
                            for (int call = 0; call < BURST; call++) {
                                long t0 = System.nanoTime();
                                if (which.equals("fwd")) {
                                    b[i].forward();
                                } else {
                                    b[i].forwardBackward();
                                }
                                if (r >= 0 && call > 0) {
                                    best[i] = Math.min(best[i], (System.nanoTime() - t0) / 1e6);
                                }
                            }
                        }
                    }
                    b[1].tearDown();
                    ConvShapes.Shape s = shapes.get(index);
                    double gflop = 2.0 * s.macs(batch) * (which.equals("fwd") ? 1 : 3) / 1e9;
                    System.out.printf(Locale.ROOT, "%2d %-22s %-6s b%d: %s %7.2f ms %5.0f GF/s %3.0f%%  torch %7.2f ms %5.0f GF/s"
                                    + " %3.0f%%  ours/torch speed %.2f%n", index, s, which, batch, impl, best[0],
                            gflop / best[0] * 1e3, 100 * peak.share(gflop / best[0] * 1e3), best[1], gflop / best[1] * 1e3,
                            100 * peak.share(gflop / best[1] * 1e3), best[1] / best[0]);
                }
            }
        }
    }
}
