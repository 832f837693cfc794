package org.snn4j.cli;

import java.nio.file.Path;
import org.snn4j.model.ModelFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --model-file} and {@code --T} of the commands that run a saved model (eval, bench infer). */
final class SavedModelOptions {
    @Option(names = "--model-file", paramLabel = "FILE", required = true, description = "A model written by train --out or convert --out.")
    Path modelFile;

    @Option(names = "--T", paramLabel = "STEPS", description = "Time steps (default: as trained).")
    Integer steps;

    ModelFile read() {
        return ModelFile.read(modelFile);
    }

    /** --T, or the T saved with the model (8 when none was); bad usage unless positive. */
    int steps(CommandSpec spec, ModelFile saved) {
        int t = steps != null ? steps : saved.steps(8);
        Flags.positive(spec, "--T", t);
        return t;
    }
}
