package dev.resnettck.tck.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resnettck.kernels.opencl.OpenClDevice;
import dev.resnettck.tck.cli.Tck;
import dev.resnettck.tck.rules.SuiteContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@code tck bench --quick} end to end, as CI runs it: every row measured for the contestants it
 * names, and the three outputs written. Timings are reported, never asserted.
 */
class BenchQuickIT {

    @Test
    void quickBenchmarkWritesEveryOutput() throws IOException {
        Path out = SuiteContext.fromSystemProperties().reportsDir().resolve("bench-quick");
        assertEquals(0, Tck.execute("bench", "--quick", "--out", out.toString()));
        JsonNode json = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
        JsonNode rows = json.get("rows");
        assertEquals(5, rows.size(), "3 convolutions, ResNet50 inference, the gate's training step: " + rows);
        boolean openCl = OpenClDevice.unavailableReason().isEmpty();
        for (JsonNode row : rows) {
            String name = row.get("name").asText();
            for (String who : openCl ? new String[] {"fast", "torch", "opencl"} : new String[] {"fast", "torch"}) {
                assertTrue(row.path(who + "_ms").asDouble() > 0, name + ": no time for " + who);
            }
            assertTrue(row.get("fast_vs_torch").asDouble() > 0, name);
        }
        assertTrue(json.get("opencl").asText().startsWith(openCl ? "" : "not measured: "), json.get("opencl").asText());
        String table = Files.readString(out.resolve("bench.md"));
        assertTrue(table.contains("| operation | GFLOP | fast ms | torch ms |"), table);
        byte[] png = Files.readAllBytes(out.resolve("bench.png"));
        assertFalse(png.length < 1000, "bench.png is " + png.length + " bytes");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }
}
