package dev.resnettck.tck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code tck certify | classify | rules | list}. */
@Command(name = "tck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "resnet-tck: certify ResNet implementations against PyTorch.",
        footer = {"", "Any -Dname=value on the line sets a system property first: -Dtck.long=all (run the long rules for "
                + "every implementation), -Dtck.seed.<RULE-ID>=<n> (replay one rule), -Dtck.gate.resume=true, "
                + "-Dtck.fashionmnist.dir=<dir>."},
        subcommands = {CertifyCommand.class, SweepCommand.class, ClassifyCommand.class, WeightsCommand.class, BenchCommand.class, GoldenCommand.class, RulesCommand.class,
            ListCommand.class})
public final class Tck implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs a command line in-process and returns its exit code (what tests call). Arguments of the
     * form {@code -Dname=value}, anywhere on the line, set system properties first ({@code
     * -Dtck.long=all}, {@code -Dtck.seed.<RULE-ID>=n}, {@code -Dtck.gate.resume=true}, ...), as the
     * suite's messages tell users to pass them.
     */
    public static int execute(String... args) {
        java.util.List<String> rest = new java.util.ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (a.startsWith("-D") && eq > 2) {
                System.setProperty(a.substring(2, eq), a.substring(eq + 1));
            } else {
                rest.add(a);
            }
        }
        return new CommandLine(new Tck())
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    // a clear message for bad input (unknown implementation, unreadable file), no stack trace;
                    // anything else is the suite's own defect, and its stack trace is what a bug report needs
                    boolean badInput = e instanceof IllegalArgumentException || e instanceof java.io.IOException;
                    commandLine.getErr().println("tck " + commandLine.getCommandName() + ": "
                            + (badInput && e.getMessage() != null ? e.getMessage() : "internal error, please report: " + e));
                    if (!badInput || e.getMessage() == null) {
                        e.printStackTrace(commandLine.getErr());
                    }
                    return badInput ? 2 : 3;
                })
                .execute(rest.toArray(String[]::new));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
