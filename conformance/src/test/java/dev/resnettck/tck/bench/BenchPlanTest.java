package dev.resnettck.tck.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BenchRunner#names}: which contestants each part of the plan measures, with and without OpenCL; an empty list measures none. */
class BenchPlanTest {
    @Test
    void withOpenCl() {
        assertArrayEquals(new String[] {"fast", "torch", "opencl"}, BenchRunner.names(BenchRunner.Contestant::main, true, false));
        assertArrayEquals(new String[] {"fast-float64", "plain", "opencl-fast-math"}, BenchRunner.names(c -> !c.main(), true, false));
        assertArrayEquals(new String[] {"fast", "torch", "fast-float64"},
                BenchRunner.names(BenchRunner.Contestant::millisecondsPerCall, true, false));
        assertArrayEquals(new String[] {"opencl", "plain", "opencl-fast-math"},
                BenchRunner.names(c -> !c.millisecondsPerCall(), true, false));
        // forward+backward: the main contestants, split by their warm-up
        assertArrayEquals(new String[] {"fast", "torch"},
                BenchRunner.names(c -> c.main() && c.millisecondsPerCall(), true, false));
        assertArrayEquals(new String[] {"opencl"}, BenchRunner.names(c -> c.main() && !c.millisecondsPerCall(), true, false));
    }

    /** JMH takes an empty contestant list as the benchmark's defaults; the runner must run nothing instead. */
    @Test
    void anEmptyContestantListRunsNothing() throws Exception {
        // a pattern no benchmark matches: were JMH started, it would throw "No matching benchmarks"
        org.openjdk.jmh.runner.options.ChainedOptionsBuilder options = new org.openjdk.jmh.runner.options.OptionsBuilder()
                .include("NoSuchBenchmark$").forks(0);
        assertEquals(0, BenchRunner.jmh(options).size());
        assertEquals(0, BenchRunner.jmh(options, BenchRunner.names(c -> c.main() && !c.millisecondsPerCall(), false, false))
                .size(), "forward+backward's seconds-a-call contestants without OpenCL");
    }

    @Test
    void withoutOpenClItsBuildsAreLeftOut() {
        assertArrayEquals(new String[] {"fast", "torch"}, BenchRunner.names(BenchRunner.Contestant::main, false, false));
        assertArrayEquals(new String[] {"plain"}, BenchRunner.names(c -> !c.millisecondsPerCall(), false, false));
    }

    /** A whole network's fork commits and touches its heap before it starts; a convolution's does not. */
    @Test
    void networkForksTouchTheirHeapFirst() {
        List<String> network = List.of(BenchRunner.forkFlags(true));
        List<String> conv = List.of(BenchRunner.forkFlags(false));
        assertTrue(network.contains("-Xms3g") && network.contains("-XX:+AlwaysPreTouch"), network.toString());
        assertFalse(conv.contains("-XX:+AlwaysPreTouch"), conv.toString());
        assertTrue(network.containsAll(conv), "the network's flags are the convolution's and more");
    }

    /**
     * A ratio's two figures are taken seconds apart: every run of the full plan that measures fast
     * measures libtorch too, on one row only (JMH runs a run's rows for one contestant before the next,
     * so a run over every convolution put minutes between them). The quick plan, never trusted, keeps
     * its three convolutions in one run.
     */
    @Test
    void theFullPlanMeasuresFastAndLibtorchRowByRow() {
        for (boolean openCl : new boolean[] {false, true}) {
            for (boolean reversed : new boolean[] {false, true}) {
                int withFast = 0;
                for (BenchRunner.Step step : BenchRunner.plan(false, reversed, openCl)) {
                    List<String> impls = List.of(step.impls());
                    if (!impls.contains("fast")) {
                        continue;
                    }
                    withFast++;
                    org.openjdk.jmh.runner.options.Options options = step.options().build();
                    assertTrue(impls.contains("torch"), "fast without libtorch: " + options.getIncludes());
                    for (String row : List.of("shape", "model", "batch")) {
                        var values = options.getParameter(row);
                        if (values.hasValue()) {
                            assertEquals(1, values.get().size(), row + " " + values.get() + " in one run of "
                                    + options.getIncludes());
                        }
                    }
                }
                // 23 convolutions forward and forward+backward, 4 network rows, the gate step
                assertEquals(2 * 23 + 4 + 1, withFast);
            }
        }
    }

    @Test
    void theOtherRoundMeasuresInTheOppositeOrder() {
        assertArrayEquals(new String[] {"opencl", "torch", "fast"}, BenchRunner.names(BenchRunner.Contestant::main, true, true));
    }
}
