package org.snn4j.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.snn4j.io.Checkpoint;
import org.snn4j.io.FileFormatException;
import org.snn4j.io.TrainState;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;

/**
 * A model file as written by {@code train --out} or {@code convert --out}: the model, rebuilt in the
 * mode it was saved in (SNN or ANN twin) with its weights, and the run settings saved beside it.
 */
record SavedModel(Model model, TrainState state) {
    /** Reads {@code file}; {@code seed} only initialises weights that the file then overwrites. */
    static SavedModel read(Path file, long seed) {
        return of(Checkpoint.load(file), file.toString(), seed);
    }

    /**
     * Rebuilds the model of a parsed file; {@code source} names the file in messages.
     *
     * @throws FileFormatException or {@link org.snn4j.model.SpecException} naming what in the file is unusable
     */
    static SavedModel of(Checkpoint saved, String source, long seed) {
        ModelSpec spec = ModelSpec.parse(saved.modelSpec(), source);
        TrainState state = TrainState.of(saved, source);
        String mode = state.string("mode", "snn");
        if (!mode.equals("snn") && !mode.equals("ann")) {
            throw new FileFormatException(source, "train_state.mode must be snn or ann, was " + mode);
        }
        Model model = ModelBuilder.build(spec, mode.equals("ann") ? ModelBuilder.Mode.ANN : ModelBuilder.Mode.SNN, seed);
        model.load(saved, source);
        return new SavedModel(model, state);
    }

    /** A model that comes with no saved settings (e.g. just imported). */
    static SavedModel of(Model model) {
        return new SavedModel(model, TrainState.none(model.spec().name()));
    }

    /** Writes {@code model} atomically with the settings an {@code eval} of it needs (T, direct input). */
    static void write(Path file, Model model, int steps) {
        JsonObject state = new JsonObject();
        state.addProperty("mode", model.mode().name().toLowerCase(java.util.Locale.ROOT));
        state.addProperty("steps", steps);
        state.addProperty("encoder", "direct");
        state.addProperty("encoder_gain", 1.0);
        new Checkpoint(Checkpoint.Kind.MODEL, model.spec().toJson(), Map.of("train_state", state.toString()),
                model.parameterTensors(), model.bufferTensors(), Map.of()).save(file);
    }

    boolean isAnn() {
        return model.mode() == ModelBuilder.Mode.ANN;
    }

    /** T saved with the model, or {@code fallback}. */
    int steps(int fallback) {
        return (int) state.integer("steps", fallback, 1, Integer.MAX_VALUE);
    }

    String encoder() {
        return state.string("encoder", "direct");
    }

    double encoderGain() {
        return state.number("encoder_gain", 1.0);
    }
}
