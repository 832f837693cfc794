package org.snn4j.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Range checks of numeric flags, reported as bad usage (exit code 2). */
final class Flags {
    private Flags() {}

    static void positive(CommandSpec spec, String flag, double value) {
        if (!(value > 0)) throw new ParameterException(spec.commandLine(), flag + " must be > 0, was " + format(value));
    }

    static void positiveFinite(CommandSpec spec, String flag, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new ParameterException(spec.commandLine(), flag + " must be finite and > 0, was " + format(value));
        }
    }

    static void nonNegative(CommandSpec spec, String flag, double value) {
        if (!(value >= 0)) throw new ParameterException(spec.commandLine(), flag + " must be >= 0, was " + format(value));
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
