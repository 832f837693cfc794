package org.snn4j.cli;

import org.snn4j.Snn4jException;
import picocli.CommandLine;

/**
 * Turns an exception out of a command into one line on stderr: exit code 2 for bad usage, 1 for
 * failures. Input errors
 * ({@link Snn4jException}) print their message; anything else also names its type, since it is a bug.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    /** Bad usage: one line naming the problem and where help is, exit code 2. */
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = commandPath(cmd);
        cmd.getErr().println(name + ": " + e.getMessage() + " (see " + name + " --help)");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        String name = commandPath(cmd);
        if (causedByOutOfMemory(e)) return outOfMemory(cmd);
        if (e instanceof Snn4jException) {
            cmd.getErr().println(name + ": " + e.getMessage());
        } else {
            cmd.getErr().println(name + ": internal error " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (System.getenv("SNN4J_DEBUG") != null) e.printStackTrace(cmd.getErr());
        }
        return 1;
    }

    /**
     * The run did not fit the heap (thrown in the command's thread, or in a worker's and passed on as a cause):
     * one line naming the heap and what to change, exit code 1. What the run had written so far was written
     * atomically, so nothing is left half-written.
     */
    int outOfMemory(CommandLine cmd) {
        cmd.getErr().println(commandPath(cmd) + ": out of memory: the run needs more than the JVM's heap of "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MB; lower --batch or --T, or give the JVM more heap (SNN4J_JAVA_OPTS=-Xmx...)");
        return 1;
    }

    /** The subcommand that ran (the deepest one parsed), or {@code root} when parsing did not get that far. */
    static CommandLine commandRun(CommandLine root) {
        CommandLine.ParseResult parsed = root.getParseResult();
        if (parsed == null) return root;
        while (parsed.hasSubcommand()) parsed = parsed.subcommand();
        return parsed.commandSpec().commandLine();
    }

    private static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) return true;
        }
        return false;
    }

    /** The command as typed, from the root: {@code snn4j train}, {@code snn4j data inspect}. */
    private static String commandPath(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName(" ");
    }
}
