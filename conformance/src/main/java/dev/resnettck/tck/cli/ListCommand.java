package dev.resnettck.tck.cli;

import dev.resnettck.reference.ReferenceEngine;
import dev.resnettck.tck.spi.Implementations;
import dev.resnettck.tck.spi.TckImplementation;
import picocli.CommandLine.Command;

/** Lists the registered implementations and whether the live reference is present. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List registered implementations.")
final class ListCommand implements Runnable {

    @Override
    public void run() {
        for (TckImplementation impl : Implementations.all()) {
            System.out.printf("%-24s %-20s %s%s%n", impl.name(), impl.version(), impl.description(),
                    impl.unavailableReason().map(r -> " [unavailable: " + r + "]").orElse(""));
        }
        System.out.println("reference: " + ReferenceEngine.describe());
    }
}
