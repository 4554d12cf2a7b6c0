package dev.resnettck.tck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code tck certify | classify | rules | list}. */
@Command(name = "tck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "resnet-tck: certify ResNet implementations against PyTorch.",
        subcommands = {CertifyCommand.class, ClassifyCommand.class, BenchCommand.class, GoldenCommand.class, RulesCommand.class,
            ListCommand.class})
public final class Tck implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line in-process and returns its exit code (what tests call). */
    public static int execute(String... args) {
        return new CommandLine(new Tck())
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    // a clear message for bad input (unknown implementation, unreadable file), no stack trace
                    commandLine.getErr().println("tck " + commandLine.getCommandName() + ": " + e.getMessage());
                    return e instanceof IllegalArgumentException || e instanceof java.io.IOException ? 2 : 3;
                })
                .execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
