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
        if (e instanceof Snn4jException) {
            cmd.getErr().println(name + ": " + e.getMessage());
        } else {
            cmd.getErr().println(name + ": internal error " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (System.getenv("SNN4J_DEBUG") != null) e.printStackTrace(cmd.getErr());
        }
        return 1;
    }

    /** The command as typed, from the root: {@code snn4j train}, {@code snn4j data inspect}. */
    private static String commandPath(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName(" ");
    }
}
