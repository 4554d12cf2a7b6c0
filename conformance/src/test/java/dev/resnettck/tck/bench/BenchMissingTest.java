package dev.resnettck.tck.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark lists every figure a contestant did not deliver (its fork crashed), among the rows of
 * the kind it was measured on; contestants measured only on some kinds (the slow ones, forward at
 * batch 1) are not reported missing elsewhere.
 */
class BenchMissingTest {

    private static BenchRow row(String name, String... contestants) {
        BenchRow r = new BenchRow(name, 1e9);
        for (String c : contestants) {
            r.millis().put(c, new double[] {1, 0});
        }
        return r;
    }

    @Test
    void aCrashedForkIsListedByRowAndContestant() {
        List<BenchRow> rows = List.of(
                row("conv 256->512 1x1/2 @56 fwd b8", "fast", "torch", "plain"),
                row("conv 512->1024 1x1/2 @28 fwd b8", "fast", "torch", "plain"),
                row("conv 256->512 1x1/2 @56 fwd+bwd b8", "fast", "torch"),
                row("conv 512->1024 1x1/2 @28 fwd+bwd b8", "fast"),
                row("resnet34 inference b1", "fast", "torch", "plain"),
                row("resnet34 inference b8", "fast", "torch"),
                row("resnet50 inference b8", "fast", "torch"),
                row("gate training step b64", "fast", "torch", "plain"));
        assertEquals(List.of("conv 512->1024 1x1/2 @28 fwd+bwd b8: torch"), BenchRunner.missing(rows));
    }

    @Test
    void theChartLeavesOutRowsWithoutALibtorchFigure(@TempDir Path dir) throws Exception {
        // no contestant has a ratio on every row here: the chart once had no series at all and XChart threw
        List<BenchRow> rows = List.of(
                row("conv 256->512 1x1/2 @56 fwd+bwd b8", "fast", "torch", "opencl"),
                row("conv 512->1024 1x1/2 @28 fwd+bwd b8", "fast", "opencl"),
                row("resnet34 inference b1", "fast", "torch", "plain"));
        Path png = dir.resolve("bench.png");
        BenchReport.chart(rows, png);
        assertTrue(Files.size(png) > 1000, "a chart of the rows that have a libtorch figure");
    }
}
