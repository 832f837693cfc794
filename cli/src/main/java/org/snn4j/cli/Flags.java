package org.snn4j.cli;

import org.snn4j.Snn4jException;
import org.snn4j.model.Model;
import org.snn4j.model.RunBudget;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks of numeric flags, and text flags parsed into the library's values, reported as bad usage
 * (exit code 2) naming the flag.
 */
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

    /** A value in [0, 1), such as a momentum. */
    static void fraction(CommandSpec spec, String flag, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new ParameterException(spec.commandLine(), flag + " must be in [0, 1), was " + format(value));
        }
    }

    /**
     * The value {@code parser} makes of a flag's text; the library's refusal becomes bad usage that names
     * the flag ({@code --loss: unknown loss 'x'; ...}).
     */
    static <T> T parsed(CommandSpec spec, String flag, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (org.snn4j.Snn4jException e) {
            throw new ParameterException(spec.commandLine(), flag + ": " + e.getMessage());
        }
    }

    /**
     * Whether a run of {@code model} at {@code --T steps} and {@code --batch batch} fits the heap
     * ({@link RunBudget}); a run that cannot is bad usage, refused before it starts.
     */
    static void fits(CommandSpec spec, Model model, int steps, int batch, boolean training) {
        try {
            RunBudget.require(model, steps, batch, training);
        } catch (Snn4jException e) {
            throw new ParameterException(spec.commandLine(), "--T " + steps + " and --batch " + batch + ": " + e.getMessage()
                    + "; lower them, or give the JVM more heap (SNN4J_JAVA_OPTS=-Xmx...)");
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
