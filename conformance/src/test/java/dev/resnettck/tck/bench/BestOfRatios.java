package dev.resnettck.tck.bench;

/**
 * Best-of-N wall times, ours against libtorch alternating in one JVM in bursts of calls (a steadier view than the quick
 * JMH mode on a noisy 2-core machine; not a test). Run from the repository root after a build:
 * {@code java -Dai.djl.offline=true --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
 * -cp "conformance/target/test-classes:conformance/target/classes:conformance/target/lib/*"
 * dev.resnettck.tck.bench.BestOfRatios} ({@code -Dmodels=resnet50:1,... -Dreps=10 -Dgate=true}).
 */
public final class BestOfRatios {
    /** Calls per contestant in a row, the first not counted (libtorch's OpenMP threads spin on the cores after a call). */
    private static final int BURST = Integer.getInteger("burst", 3);

    public static void main(String[] args) {
        String[] models = System.getProperty("models", "resnet50:1,resnet50:8,resnet34:1,resnet34:8").split(",");
        int reps = Integer.getInteger("reps", 10);
        for (String mb : models) {
            String[] p = mb.split(":");
            double[] best = new double[2];
            String[] impls = {"fast", "torch"};
            ModelBench[] b = new ModelBench[2];
            for (int i = 0; i < 2; i++) {
                b[i] = new ModelBench();
                b[i].model = p[0];
                b[i].batch = Integer.parseInt(p[1]);
                b[i].impl = impls[i];
                b[i].setUp();
                best[i] = 1e18;
            }
            for (int r = 0; r < reps; r++) {
                for (int i = 0; i < 2; i++) {
                    for (int call = 0; call < BURST; call++) {
                        long t0 = System.nanoTime();
                        b[i].infer();
                        if (call > 0) {
                            best[i] = Math.min(best[i], (System.nanoTime() - t0) / 1e6);
                        }
                    }
                }
            }
            System.out.printf("%s b%s: fast %.1f ms, torch %.1f ms, fast/torch speed %.2f%n", p[0], p[1], best[0], best[1], best[1] / best[0]);
            b[1].tearDown();
        }
        if (Boolean.parseBoolean(System.getProperty("gate", "true"))) {
            TrainStepBench[] t = new TrainStepBench[2];
            double[] best = {1e18, 1e18};
            String[] impls = {"fast", "torch"};
            for (int i = 0; i < 2; i++) { t[i] = new TrainStepBench(); t[i].impl = impls[i]; t[i].setUp(); }
            for (int r = 0; r < reps; r++) {
                for (int i = 0; i < 2; i++) {
                    for (int call = 0; call < BURST; call++) {
                        long t0 = System.nanoTime();
                        t[i].step();
                        if (call > 0) {
                            best[i] = Math.min(best[i], (System.nanoTime() - t0) / 1e6);
                        }
                    }
                }
            }
            System.out.printf("gate step b64: fast %.1f ms, torch %.1f ms, fast/torch speed %.2f%n", best[0], best[1], best[1] / best[0]);
            t[1].tearDown();
        }
    }
}
