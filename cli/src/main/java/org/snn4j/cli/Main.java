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
        return execute(new CommandLine(new Main()).setOverwrittenOptionsAllowed(true), args);
    }

    /**
     * Runs {@code cli} with the tool's error handling: a failure or bad usage is one line on stderr
     * ({@link ErrorHandler}), and so is running out of heap, which picocli does not catch (an {@link Error}).
     */
    static int execute(CommandLine cli, String... args) {
        ErrorHandler errors = new ErrorHandler();
        cli.setParameterExceptionHandler(errors).setExecutionExceptionHandler(errors);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            return errors.outOfMemory(ErrorHandler.commandRun(cli));
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
