package org.snn4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code snn4j} command: subcommands are listed here once. */
@Command(name = "snn4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Deep spiking neural networks on the JVM.",
        subcommands = {TrainCommand.class, EvalCommand.class, ConvertCommand.class, FinetuneCommand.class, ExportCommand.class,
                ImportCommand.class, BenchCommand.class, StdpCommand.class, InfoCommand.class, ReportCommand.class, DataCommand.class,
                StreamCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the CLI and returns its exit code: 0 success, 1 failure, 2 bad usage. The library's log lines
     * are shown on stderr from here on ({@link ConsoleLog}).
     */
    public static int run(String... args) {
        ConsoleLog.install();
        ErrorHandler errors = new ErrorHandler();
        return new CommandLine(new Main())
                .setOverwrittenOptionsAllowed(true)
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors)
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
