package dev.resnettck.tck.selftest;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resnettck.kernels.ConvKernels;
import dev.resnettck.layers.Conv2d;
import dev.resnettck.tck.builtin.PlainImplementation;
import dev.resnettck.tck.layers.LayerCatalogue;
import dev.resnettck.tck.rules.Check;
import dev.resnettck.tck.rules.RuleRunner;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.rules.Verdict;
import dev.resnettck.tck.zoo.OffByOnePaddingConv;
import dev.resnettck.tck.zoo.PlantedImplementation;
import dev.resnettck.tck.zoo.TransposedKernelConv;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.Test;

/** The conv2d property must reject deliberately wrong convolutions, and say which case and seed show it. */
class PlantedConvFaultsIT {
    private final Check forward = LayerCatalogue.checks().stream()
            .filter(c -> c.rule().id().equals("LAYER-CONV2D-FWD")).findFirst().orElseThrow();

    @Test
    void rejectsTransposedKernel() {
        assertRejected(plant("conv-transposed-kernel", new TransposedKernelConv()));
    }

    @Test
    void rejectsOffByOnePadding() {
        assertRejected(plant("conv-off-by-one-padding", new OffByOnePaddingConv()));
    }

    private static PlantedImplementation plant(String name, ConvKernels kernels) {
        return new PlantedImplementation(name, name, new PlainImplementation(),
                layers -> layers.withConv2d(o -> new Conv2d(o, kernels)));
    }

    private void assertRejected(PlantedImplementation impl) {
        Verdict verdict = RuleRunner.run(forward, impl, SuiteContext.fromSystemProperties());
        Allure.parameter("planted fault", impl.fault());
        Allure.parameter("verdict", verdict.label() + ": " + verdict.detail());
        Verdict.Fail fail = assertInstanceOf(Verdict.Fail.class, verdict, () -> "expected a rejection, got " + verdict.label()
                + ": " + verdict.detail());
        assertTrue(fail.message().contains("smallest failing case: input"), fail.message());
        assertTrue(fail.replay().startsWith("-Dtck.seed.LAYER-CONV2D-FWD="), fail.replay());
    }
}
