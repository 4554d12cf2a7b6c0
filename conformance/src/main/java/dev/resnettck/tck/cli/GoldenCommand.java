package dev.resnettck.tck.cli;

import dev.resnettck.tck.golden.GoldenGenerator;
import dev.resnettck.tck.rules.SuiteContext;
import dev.resnettck.tck.training.GateReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Regenerates golden-data/ from the live reference. */
@Command(name = "golden", mixinStandardHelpOptions = true,
        description = "Regenerate golden-data/ from the PyTorch reference (needs DJL and libtorch).")
final class GoldenCommand implements Callable<Integer> {

    @Option(names = "--gate", description = "also train the FashionMNIST gate's reference (minutes) and record its accuracy")
    boolean gate;

    @Override
    public Integer call() throws Exception {
        SuiteContext context = SuiteContext.fromSystemProperties();
        GoldenGenerator.generate(context.goldenDir(), System.err::println);
        System.out.println("golden data written to " + context.goldenDir());
        if (gate) {
            GateReference.Result r = GateReference.record(context.goldenDir(), System.err::println);
            System.out.printf("gate reference: test accuracy %.4f after %d epochs in %.0f s (libtorch %s)%n",
                    r.testAccuracy(), r.epochTestAccuracy().size(), r.seconds(), r.libtorch());
        }
        return 0;
    }
}
