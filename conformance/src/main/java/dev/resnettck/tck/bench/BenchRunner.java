package dev.resnettck.tck.bench;

import dev.resnettck.kernels.fast.Parallel;
import dev.resnettck.kernels.opencl.OpenClDevice;
import dev.resnettck.reference.ReferenceEngine;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.certify.Environment;
import dev.resnettck.tck.training.GateRecipe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH plans (full or quick) in one process and turns the results into rows: for each
 * operation, every contestant's time, GFLOP/s and the fast kernels' speed relative to the others.
 */
public final class BenchRunner {
    /** The three ResNet50 convolutions the quick mode measures: a 3x3, a strided 3x3 and a 1x1. */
    static final String[] QUICK_SHAPES = {"2", "6", "4"};

    private BenchRunner() {
    }

    /**
     * Rounds of the whole plan: each round measures every contestant once, in alternating order, so
     * all contestants see the same conditions. Within a round the contestants whose calls take
     * milliseconds are measured row by row (one row's forks one after another, then the next row's), so
     * the two figures of a ratio are seconds apart, not the minutes a contestant takes over every
     * row: on this VM a core is at times shared, for minutes, and a ratio measured across such a change
     * is the machine's, not the kernels'. A row's figure is the mean over rounds and its spread
     * half the range between rounds. Two in the full mode (a third, with its warm-up, would take the run
     * past 80 minutes on 2 cores); one in the quick mode, which checks that every output is written
     * (mvn verify runs it) and whose figures carry no spread and are never trusted.
     */
    static int rounds(boolean quick) {
        return quick ? 1 : 2;
    }

    /**
     * Warm-up seconds of a convolution's fork in the full mode, for the contestants whose calls take
     * seconds (plain, OpenCL): each warm-up second is at least one call.
     */
    static final int CONV_WARMUP = 3;
    /**
     * Warm-up seconds of a convolution's fork for the contestants that take milliseconds a call (fast,
     * libtorch, fast-float64): the JIT compiles the forward, input-gradient and weight-gradient kernels
     * while both cores run them, so a fresh fork's forward+backward settles in its fourth to sixth
     * second (fast, 2026-12-04, one fork each: the stem 130, 52, 51, 60, 43, then 41-43 ms; 512->512
     * 3x3 @7 45, 29, 27, 25, 25, 28, then 25 ms, in another fork 46, 31, 32, 30, 28, 27, then 26-27 ms;
     * one forward of that layer read 11.6, 10.9, 9.8, 12.0, 11.3, 8.9, 7.9, 7.0 ms): with three, the
     * 2026-12-04 run measured that forward+backward at 34.8 ms.
     */
    static final int FAST_CONV_WARMUP = 5;
    /**
     * Warm-up seconds of a whole network's fork (inference, training step) in the full mode, for the
     * contestants that take milliseconds a call: the JIT compiles a network's hundreds of methods
     * while both cores run it, so a fresh fork's ResNet34 at batch 1 read 2049, 78, 42, then 32-36 ms
     * a second (and in another fork 2082, 393, 127, 102, then 37-44), the gate's step 3314, 1014, 150,
     * 221, 122, 366, 170, then 99-103 ms: with three warm-up seconds the measured second could land
     * in that settling (125 ms for ResNet34). fast, libtorch and fast-float64 get them; plain and the
     * OpenCL builds, which take seconds a call, keep three.
     */
    static final int NETWORK_WARMUP = 8;
    /** The heap a whole network's fork commits and touches before it starts (it may still grow to -Xmx8g). */
    static final String NETWORK_HEAP = "3g";

    public static List<BenchRow> run(boolean quick, Path out) throws RunnerException, IOException {
        double loadBefore = Conditions.loadAverage();
        Float32Peak peak = Float32Peak.measure();
        List<RunResult> results = new ArrayList<>();
        for (int round = 0; round < rounds(quick); round++) {
            results.addAll(round(quick, round % 2 == 1));
        }
        double loadAfter = Conditions.loadAverage();
        List<ConvShapes.Shape> shapes = ConvShapes.distinct(ResNetSpec.RESNET50, 224);
        Optional<String> noOpenCl = OpenClDevice.unavailableReason();
        List<BenchRow> rows = rows(results, shapes);
        Map<String, String> about = new LinkedHashMap<>();
        about.put("command", "./tck bench" + (quick ? " --quick" : ""));
        about.put("date", Instant.now().toString());
        about.put("mode", quick ? "quick: 1 round (no warm-up, 1 measured iteration of 0.5 s, no fork); no spread"
                : "full: " + rounds(false) + " rounds, each measuring every contestant once in alternating order ("
                        + FAST_CONV_WARMUP + " warm-up seconds for a convolution and " + NETWORK_WARMUP + " for a whole "
                        + "network where a call takes milliseconds (fast, libtorch, fast-float64), " + CONV_WARMUP
                        + " where it takes seconds (plain, OpenCL), then 1 measured second, 1 fork each; the "
                        + "milliseconds contestants row by row, a row's forks one after another); figure = mean over rounds, "
                        + "spread = half the range");
        about.put("trust", quick ? "NOT TRUSTED: a quick run measures one short round with no warm-up; "
                + "it shows that every contestant runs and every output is written, not how fast"
                : Conditions.verdict(loadBefore, loadAfter, rows));
        List<String> missing = missing(rows);
        if (!missing.isEmpty()) {
            about.put("no result", String.join("; ", missing) + ": the contestant's JMH fork ended without a figure (on "
                    + "an AMD EPYC Zen 5 machine libtorch 2.7.1 crashed with SIGFPE in oneDNN's 1x1 backward blocking on "
                    + "strided 1x1 convolutions); those cells are empty and carry no ratio");
        }
        about.put("threads", Parallel.threads() + " (fast kernels); libtorch " + System.getProperty(
                "ai.djl.pytorch.num_threads", "default"));
        about.put("reference", ReferenceEngine.describe() + ", float32");
        about.put("memory pages", HugePages.describe());
        about.put("opencl", noOpenCl.map(why -> "not measured: " + why)
                .orElseGet(() -> OpenClDevice.shared().describe()));
        Environment.describe().forEach((k, v) -> {
            if (k.equals("CPU") || k.equals("JDK")) {
                about.put(k, v);
            }
        });
        about.put("flops", "nominal: 2 per multiply-accumulate of the dense operation; forward+backward = 3x forward");
        about.put("float32 peak", peak.describe() + "; '% of peak' = a contestant's GFLOP/s over it");
        BenchReport.write(out, rows, about, peak);
        return rows;
    }

    /** One round of the plan; {@code reversed} measures the contestants in the opposite order. */
    private static List<RunResult> round(boolean quick, boolean reversed) throws RunnerException {
        List<RunResult> results = new ArrayList<>();
        for (Step step : plan(quick, reversed, OpenClDevice.unavailableReason().isEmpty())) {
            results.addAll(jmh(step.options(), step.impls()));
        }
        return results;
    }

    /** One JMH run of a round: its benchmarks and rows ({@code options}), for the contestants {@code impls}. */
    record Step(ChainedOptionsBuilder options, String... impls) {
    }

    /**
     * A round's JMH runs, in order. The contestants whose calls take milliseconds are measured row by
     * row (one step per convolution and per network), since JMH runs a step's rows for one contestant
     * before the next contestant.
     */
    static List<Step> plan(boolean quick, boolean reversed, boolean openClHere) {
        List<ConvShapes.Shape> shapes = ConvShapes.distinct(ResNetSpec.RESNET50, 224);
        String[] allShapes = IntStream.range(0, shapes.size()).mapToObj(Integer::toString).toArray(String[]::new);
        String[] convShapes = quick ? QUICK_SHAPES : allShapes;
        // everything for fast and torch; the slower contestants where it stays within a reasonable run
        String[] both = names(c -> !c.openCl() && c.main(), openClHere, reversed);
        String[] main = names(Contestant::main, openClHere, reversed);
        String[] milliseconds = names(Contestant::millisecondsPerCall, openClHere, reversed);
        String[] seconds = names(c -> !c.millisecondsPerCall(), openClHere, reversed);
        String[] mainFast = names(c -> c.main() && c.millisecondsPerCall(), openClHere, reversed);
        String[] mainSlow = names(c -> c.main() && !c.millisecondsPerCall(), openClHere, reversed);
        String forward = ConvBench.class.getName() + ".forward$";
        String forwardBackward = ConvBench.class.getName() + ".forwardBackward$";
        List<Step> plan = new ArrayList<>();
        // the quick mode (mvn verify) runs the main contestants only: the slow ones' seconds a call buy nothing there
        if (quick) {
            plan.add(new Step(opts(true).include(forward).param("shape", convShapes), main));
        } else {
            for (String shape : convShapes) {
                plan.add(new Step(opts(false, FAST_CONV_WARMUP).include(forward).param("shape", shape), milliseconds));
            }
            plan.add(new Step(opts(false).include(forward).param("shape", convShapes), seconds));
            for (String shape : convShapes) {
                plan.add(new Step(opts(false, FAST_CONV_WARMUP).include(forwardBackward).param("shape", shape), mainFast));
            }
            plan.add(new Step(opts(false).include(forwardBackward).param("shape", convShapes), mainSlow));
        }
        for (String model : quick ? new String[] {"resnet50"} : new String[] {"resnet34", "resnet50"}) {
            for (String batch : quick ? new String[] {"1"} : new String[] {"1", "8"}) {
                plan.add(new Step(networkOpts(quick, NETWORK_WARMUP).include(ModelBench.class.getName())
                        .param("model", model).param("batch", batch), quick ? main : both));
            }
        }
        if (!quick) {
            // the double-accumulating build, plain and OpenCL (the last two take seconds per image here): batch 1 only
            plan.add(new Step(networkOpts(false, NETWORK_WARMUP).include(ModelBench.class.getName())
                    .param("model", "resnet34", "resnet50").param("batch", "1"), "fast-float64"));
            plan.add(new Step(networkOpts(false, CONV_WARMUP).include(ModelBench.class.getName())
                    .param("model", "resnet34", "resnet50").param("batch", "1"), seconds));
        }
        plan.add(new Step(networkOpts(quick, NETWORK_WARMUP).include(TrainStepBench.class.getName()),
                quick ? main : milliseconds));
        if (!quick) {
            plan.add(new Step(networkOpts(false, CONV_WARMUP).include(TrainStepBench.class.getName()), seconds));
        }
        return plan;
    }

    /**
     * A contestant of the plan. {@code main}: measured in the quick mode and on every convolution
     * forward+backward (the others, on the convolutions' forward and batch-1 networks only: plain and
     * OpenCL take seconds a network; fast-float64 is there to show what strictness costs).
     * {@code millisecondsPerCall}: a convolution or a network takes it milliseconds, so its
     * convolutions get {@link #FAST_CONV_WARMUP} and its whole networks {@link #NETWORK_WARMUP}.
     */
    record Contestant(String name, boolean openCl, boolean main, boolean millisecondsPerCall) {
    }

    static final List<Contestant> CONTESTANTS = List.of(
            new Contestant("fast", false, true, true),
            new Contestant("torch", false, true, true),
            new Contestant("opencl", true, true, false),
            new Contestant("fast-float64", false, false, true),
            new Contestant("plain", false, false, false),
            new Contestant("opencl-fast-math", true, false, false));

    /** The contestants that {@code pick} takes, in the plan's order or the opposite one; OpenCL's only where it runs. */
    static String[] names(java.util.function.Predicate<Contestant> pick, boolean openClHere, boolean reversed) {
        List<String> names = new ArrayList<>(CONTESTANTS.stream().filter(c -> openClHere || !c.openCl()).filter(pick)
                .map(Contestant::name).toList());
        if (reversed) {
            java.util.Collections.reverse(names);
        }
        return names.toArray(String[]::new);
    }

    private static ChainedOptionsBuilder opts(boolean quick) {
        return opts(quick, CONV_WARMUP);
    }

    /**
     * {@code warmups}: warm-up iterations of 1 s in the full mode; the quick mode has none (it checks
     * outputs, not speed, and OpenCL's seconds-long calls made its one warm-up iteration a third of its time).
     */
    private static ChainedOptionsBuilder opts(boolean quick, int warmups) {
        return opts(quick, warmups, false);
    }

    /**
     * A whole network's fork: its heap committed and touched before it starts ({@link #NETWORK_HEAP}).
     * On this VM a page's first touch is slow (3 GB took 5 s), and a fork whose heap grew while it ran
     * read slow seconds: the gate's training step, three forks each of 8 warm-up seconds and one
     * measured, read 412, 353 and 388 ms in some seconds and measured 105-122 ms, and 92-116 ms every second
     * from the fourth on with the heap touched first. (A fixed 8 GB heap, not touched first, read
     * 670-840 ms every second: each step's allocations met fresh pages.)
     */
    private static ChainedOptionsBuilder networkOpts(boolean quick, int warmups) {
        return opts(quick, warmups, true);
    }

    private static ChainedOptionsBuilder opts(boolean quick, int warmups, boolean network) {
        // a forked contestant that crashes (libtorch on some CPUs) costs its own figure, not the whole run: the
        // report lists what has no result
        // a fresh fork's first call takes long (class loading, the JIT, packing weights): CONV_WARMUP, NETWORK_WARMUP
        ChainedOptionsBuilder b = new OptionsBuilder().shouldFailOnError(quick)
                .warmupIterations(quick ? 0 : warmups).measurementIterations(1)
                .warmupTime(TimeValue.milliseconds(quick ? 500 : 1000)).measurementTime(TimeValue.milliseconds(quick ? 500 : 1000))
                .forks(quick ? 0 : 1)
                .jvmArgsAppend(forkFlags(network));
        return b;
    }

    /** The JVM flags of a contestant's fork; a whole network's also commit and touch its heap first. */
    static String[] forkFlags(boolean network) {
        List<String> flags = new ArrayList<>(List.of("-Xmx8g", "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Dai.djl.offline=true"));
        flags.addAll(HugePages.JVM_FLAGS);
        if (network) {
            flags.addAll(List.of("-Xms" + NETWORK_HEAP, "-XX:+AlwaysPreTouch"));
        }
        return flags.toArray(String[]::new);
    }

    /**
     * One JMH run of {@code options} for the contestants {@code impls}; none when there are none (JMH
     * takes an empty list as the benchmark's default contestants: without OpenCL, forward+backward's
     * seconds-a-call list is empty, and a run once measured fast and libtorch twice from it).
     */
    static Collection<RunResult> jmh(ChainedOptionsBuilder options, String... impls) throws RunnerException {
        if (impls.length == 0) {
            return List.of();
        }
        return new Runner(options.param("impl", impls).build()).run();
    }

    /**
     * "row: contestant" for every contestant measured on some row of a kind (convolution forward,
     * forward+backward, inference, training) but missing from another row of that kind.
     */
    static List<String> missing(List<BenchRow> rows) {
        Map<String, java.util.Set<String>> byKind = new LinkedHashMap<>();
        for (BenchRow r : rows) {
            byKind.computeIfAbsent(kind(r), k -> new java.util.LinkedHashSet<>()).addAll(r.millis().keySet());
        }
        List<String> out = new ArrayList<>();
        for (BenchRow r : rows) {
            for (String contestant : byKind.get(kind(r))) {
                if (!r.millis().containsKey(contestant)) {
                    out.add(r.name() + ": " + contestant);
                }
            }
        }
        return out;
    }

    private static String kind(BenchRow r) {
        String n = r.name();
        // convolutions: forward or forward+backward (every shape at one batch); models: their mode and batch
        return n.startsWith("conv") ? n.substring(n.lastIndexOf(' ', n.lastIndexOf(' ') - 1))
                : n.replaceAll("resnet\\d+ ", "");
    }

    static List<BenchRow> rows(List<RunResult> results, List<ConvShapes.Shape> shapes) {
        Map<String, BenchRow> rows = new LinkedHashMap<>();
        Map<String, List<Double>> rounds = new LinkedHashMap<>();
        for (RunResult r : results) {
            var p = r.getParams();
            String method = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1);
            String name;
            double flops;
            if (p.getBenchmark().contains("ConvBench")) {
                ConvShapes.Shape s = shapes.get(Integer.parseInt(p.getParam("shape")));
                int batch = Integer.parseInt(p.getParam("batch"));
                boolean backward = method.equals("forwardBackward");
                name = "conv " + s + (backward ? " fwd+bwd" : " fwd") + " b" + batch;
                flops = 2.0 * s.macs(batch) * (backward ? 3 : 1);
            } else if (p.getBenchmark().contains("ModelBench")) {
                int batch = Integer.parseInt(p.getParam("batch"));
                name = p.getParam("model") + " inference b" + batch;
                flops = 2.0 * ConvShapes.modelMacs(ResNetSpec.preset(p.getParam("model")), 224) * batch;
            } else {
                name = "gate training step b" + TrainStepBench.BATCH;
                flops = 6.0 * ConvShapes.modelMacs(GateRecipe.MODEL, 28) * TrainStepBench.BATCH;
            }
            BenchRow row = rows.computeIfAbsent(name, n -> new BenchRow(n, flops));
            rounds.computeIfAbsent(name + "\u0000" + p.getParam("impl"), k -> new ArrayList<>())
                    .add(r.getPrimaryResult().getScore());
            row.millis().put(p.getParam("impl"), null);
        }
        for (BenchRow row : rows.values()) {
            row.millis().replaceAll((impl, unused) -> {
                List<Double> scores = rounds.get(row.name() + "\u0000" + impl);
                double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                double spread = scores.size() < 2 ? Double.NaN : (java.util.Collections.max(scores)
                        - java.util.Collections.min(scores)) / 2;
                return new double[] {mean, spread};
            });
        }
        return new ArrayList<>(rows.values());
    }
}
