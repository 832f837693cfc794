package org.snn4j.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.Map;
import org.snn4j.io.Checkpoint;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;

/**
 * A model file as written by {@code train --out} or {@code convert --out}: the model, rebuilt in the
 * mode it was saved in (SNN or ANN twin) with its weights, and the run settings saved beside it.
 */
record SavedModel(Model model, JsonObject state) {
    /** Reads {@code file}; {@code seed} only initialises weights that the file then overwrites. */
    static SavedModel read(Path file, long seed) {
        Checkpoint saved = Checkpoint.load(file);
        ModelSpec spec = ModelSpec.parse(saved.modelSpec(), file.toString());
        JsonObject state = JsonParser.parseString(saved.metadata().getOrDefault("train_state", "{}")).getAsJsonObject();
        boolean ann = state.has("mode") && state.get("mode").getAsString().equals("ann");
        Model model = ModelBuilder.build(spec, ann ? ModelBuilder.Mode.ANN : ModelBuilder.Mode.SNN, seed);
        model.load(saved, file.toString());
        return new SavedModel(model, state);
    }

    /** A model that comes with no saved settings (e.g. just imported). */
    static SavedModel of(Model model) {
        return new SavedModel(model, new JsonObject());
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
        return state.has("steps") ? state.get("steps").getAsInt() : fallback;
    }

    String encoder() {
        return state.has("encoder") ? state.get("encoder").getAsString() : "direct";
    }

    double encoderGain() {
        return state.has("encoder_gain") ? state.get("encoder_gain").getAsDouble() : 1.0;
    }
}
