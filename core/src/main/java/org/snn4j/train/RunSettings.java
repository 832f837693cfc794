package org.snn4j.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snn4j.io.Checkpoint;
import org.snn4j.io.FileFormatException;
import org.snn4j.io.TrainState;

/**
 * The settings of a training run that decide its result (epochs, batch, T, learning rate and schedule,
 * optimizer, weight decay, momentum, encoder, loss, augmentation, spike penalty, gradient chunk), as text, recorded in
 * every checkpoint's {@code train_state.settings}. A resumed run must have the same settings as the run
 * it continues, or it would not end with the weights of that run (the number of epochs excepted: a run may
 * be continued for more); and a checkpoint whose epochs done
 * are fewer than its settings' epochs is an unfinished run that a new run should not silently replace.
 * The seed is checked on its own ({@code train_state.seed}); paths and thread counts are not settings.
 */
public final class RunSettings {
    static final String FIELD = "settings";

    private RunSettings() {}

    /** The settings of {@code cfg}, in a fixed order. */
    public static Map<String, String> of(TrainConfig cfg) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("epochs", String.valueOf(cfg.epochs()));
        s.put("batch", String.valueOf(cfg.batch()));
        s.put("steps", String.valueOf(cfg.steps()));
        s.put("lr", String.valueOf(cfg.lr()));
        s.put("schedule", String.valueOf(cfg.schedule()));
        s.put("optimizer", cfg.optimizer().label());
        s.put("weight_decay", String.valueOf(cfg.weightDecay()));
        s.put("momentum", String.valueOf(cfg.momentum()));
        s.put("encoder", cfg.encoder().kind().label() + " gain " + cfg.encoder().gain());
        s.put("loss", String.valueOf(cfg.loss()));
        s.put("augment", String.valueOf(cfg.augment()));
        s.put("spike_penalty", String.valueOf(cfg.spikePenalty()));
        // only when set, so checkpoints written before the setting existed still resume
        if (cfg.gradientChunk() > 0) s.put("gradient_chunk", String.valueOf(cfg.gradientChunk()));
        return s;
    }

    static JsonObject toJson(TrainConfig cfg) {
        JsonObject o = new JsonObject();
        of(cfg).forEach(o::addProperty);
        return o;
    }

    /**
     * Refuses to resume from a checkpoint written with other settings than {@code cfg}'s (epochs aside),
     * listing each that differs. A checkpoint of an older snn4j without recorded settings is accepted.
     *
     * @throws FileFormatException "was written with other settings: lr 0.001 (now 0.01), ..."
     */
    static void requireSame(TrainState state, TrainConfig cfg, String source) {
        JsonElement recorded = state.json(FIELD);
        if (recorded == null) return;
        if (!recorded.isJsonObject()) throw state.wrongType(FIELD, "an object", recorded);
        List<String> differences = new ArrayList<>();
        for (var e : of(cfg).entrySet()) {
            if (e.getKey().equals("epochs")) continue;  // a run may be continued for more (or fewer) epochs
            JsonElement was = recorded.getAsJsonObject().get(e.getKey());
            String before = was == null || !was.isJsonPrimitive() ? "none" : was.getAsString();
            if (!before.equals(e.getValue())) differences.add(e.getKey() + " " + before + " (now " + e.getValue() + ")");
        }
        if (!differences.isEmpty()) {
            throw new FileFormatException(source, "was written with other settings: " + String.join(", ", differences)
                    + "; resume with the settings of the interrupted run");
        }
    }

    /**
     * What an existing checkpoint holds when it is an unfinished run ("epoch 2 of 5"), or empty when
     * there is no file or its run finished. A checkpoint without recorded settings counts as unfinished
     * ("an earlier run"), since nothing says otherwise.
     *
     * @throws FileFormatException when the file exists but is not a readable checkpoint
     */
    public static Optional<String> unfinishedRun(Path checkpoint) {
        if (!Files.exists(checkpoint)) return Optional.empty();
        String source = checkpoint.toString();
        TrainState state = TrainState.of(Checkpoint.load(checkpoint), source);
        JsonElement settings = state.json(FIELD);
        long done = state.integer("epochs_done", 0, 0, Integer.MAX_VALUE);
        if (settings == null || !settings.isJsonObject() || !settings.getAsJsonObject().has("epochs")) {
            return Optional.of("an earlier run (" + done + " epochs done)");
        }
        long epochs;
        try {
            epochs = settings.getAsJsonObject().get("epochs").getAsLong();
        } catch (RuntimeException e) {
            throw state.wrongType(FIELD + ".epochs", "an integer", settings.getAsJsonObject().get("epochs"));
        }
        return done < epochs ? Optional.of("an unfinished run (epoch " + done + " of " + epochs + ")") : Optional.empty();
    }
}
