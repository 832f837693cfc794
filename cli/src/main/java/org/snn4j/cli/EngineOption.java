package org.snn4j.cli;

import org.snn4j.Snn4jException;
import org.snn4j.engine.EngineMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --engine dense|event|auto}, shared by eval and bench infer. */
final class EngineOption {
    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "auto",
            description = "dense (every layer's dense kernel), event (conv/linear layers fed by spikes add the weights "
                    + "of active inputs only) or auto (event below the measured density crossover, dense above); "
                    + "all give identical results (default: ${DEFAULT-VALUE}).")
    String engine;

    /** The chosen mode; a bad name is bad usage (exit 2), so commands check it before loading anything. */
    EngineMode mode(CommandSpec spec) {
        try {
            return EngineMode.parse(engine);
        } catch (Snn4jException e) {
            throw new ParameterException(spec.commandLine(), "--engine: " + e.getMessage());
        }
    }
}
