package org.snn4j.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The {@code train_state} metadata of a model or checkpoint file: a JSON object of run settings
 * ({@code mode}, {@code steps}, {@code encoder}, {@code encoder_gain}, {@code seed}, {@code epochs_done},
 * {@code history}). Reads are typed and checked, so a hand-edited or damaged file fails with a
 * {@link FileFormatException} naming the field instead of a Gson error.
 */
public final class TrainState {
    private final JsonObject json;
    private final String source;

    private TrainState(JsonObject json, String source) {
        this.json = json;
        this.source = source;
    }

    /**
     * The train state of {@code saved} (empty when the file has none).
     *
     * @throws FileFormatException when {@code train_state} is not a JSON object
     */
    public static TrainState of(Checkpoint saved, String source) {
        String text = saved.metadata().getOrDefault("train_state", "{}");
        JsonElement e;
        try {
            e = JsonParser.parseString(text);
        } catch (JsonParseException | NumberFormatException ex) {
            throw new FileFormatException(source, "metadata train_state is not valid JSON", ex);
        }
        if (!e.isJsonObject()) throw new FileFormatException(source, "metadata train_state is not a JSON object");
        return new TrainState(e.getAsJsonObject(), source);
    }

    /** A state holding a copy of {@code json}; {@code source} names the model in messages. */
    public static TrainState of(JsonObject json, String source) {
        return new TrainState(json.deepCopy(), source);
    }

    /** The state as the JSON text a file's {@code train_state} metadata holds. */
    public String toJson() {
        return json.toString();
    }

    /** The state of a model that comes with no saved settings (e.g. just imported); {@code source} names it. */
    public static TrainState none(String source) {
        return new TrainState(new JsonObject(), source);
    }

    public boolean has(String field) {
        return json.has(field) && !json.get(field).isJsonNull();
    }

    /** A string field, or {@code fallback} when absent. */
    public String string(String field, String fallback) {
        if (!has(field)) return fallback;
        JsonElement e = json.get(field);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) throw wrongType(field, "a string", e);
        return e.getAsString();
    }

    /** An integer field in [{@code min}, {@code max}], or {@code fallback} when absent. */
    public long integer(String field, long fallback, long min, long max) {
        if (!has(field)) return fallback;
        JsonElement e = json.get(field);
        long v;
        try {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) throw wrongType(field, "an integer", e);
            v = e.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
        } catch (ArithmeticException | NumberFormatException ex) {
            throw wrongType(field, "an integer", e);
        }
        if (v < min || v > max) throw wrongType(field, "an integer in [" + min + ", " + max + "]", e);
        return v;
    }

    /** A finite number field, or {@code fallback} when absent. */
    public double number(String field, double fallback) {
        if (!has(field)) return fallback;
        JsonElement e = json.get(field);
        double v;
        try {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) throw wrongType(field, "a number", e);
            v = e.getAsDouble();
        } catch (NumberFormatException ex) {
            throw wrongType(field, "a number", e);
        }
        if (!Double.isFinite(v)) throw wrongType(field, "a finite number", e);
        return v;
    }

    /** A field as JSON (for structured values such as {@code history}), or null when absent. */
    public JsonElement json(String field) {
        return has(field) ? json.get(field).deepCopy() : null;
    }

    /** The error for a field that is present but unusable: names the file and the field. */
    public FileFormatException wrongType(String field, String expected, JsonElement was) {
        String shown = String.valueOf(was);
        if (shown.length() > 60) shown = shown.substring(0, 60) + "...";
        return new FileFormatException(source, "train_state." + field + " must be " + expected + ", was " + shown);
    }
}
