package dev.resnettck.tck.cli;

import dev.resnettck.reference.ReferenceEngine;
import dev.resnettck.resnet.ResNetSpec;
import dev.resnettck.tck.bench.BenchRow;
import dev.resnettck.tck.bench.BenchRunner;
import dev.resnettck.tck.rules.SuiteContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tck bench [--quick]}: impl's kernels against libtorch in one run, measured with JMH. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark (JMH) impl's fast, OpenCL and plain kernels against libtorch (DJL, float32) in one run: "
                + "every distinct ResNet50 convolution forward and forward+backward, ResNet34/50 inference at batch 1 "
                + "and 8, a gate training step at batch 64. Writes reports/bench/bench.{json,md,png}. "
                + "-Dtck.opencl.device=NAME picks the OpenCL device.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "a few operations, short iterations, no forks: about two minutes (CI runs it)")
    boolean quick;

    @Option(names = "--out", description = "output folder (default: reports/bench)")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!ReferenceEngine.isAvailable()) {
            System.err.println("tck bench compares with libtorch, which is unavailable: " + ReferenceEngine.describe());
            return 2;
        }
        Path dir = out != null ? out : SuiteContext.fromSystemProperties().reportsDir().resolve("bench");
        List<BenchRow> rows = BenchRunner.run(quick, dir);
        System.out.println(java.nio.file.Files.readString(dir.resolve("bench.md")));
        System.out.println("written: " + dir.resolve("bench.json") + ", bench.md, bench.png (" + rows.size() + " rows; "
                + ResNetSpec.RESNET50.name() + " convolutions at batch 8)");
        return 0;
    }
}
