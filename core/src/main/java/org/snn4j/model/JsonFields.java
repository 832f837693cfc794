package org.snn4j.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Set;

/**
 * Typed, validating reads of JSON object fields for specs. Every error names where the field is
 * ({@code where}, e.g. "layers[3] (conv2d)"), the field, what was expected and what was found.
 */
final class JsonFields {
    private final JsonObject o;
    private final String where;

    JsonFields(JsonObject o, String where) {
        this.o = o;
        this.where = where;
    }

    JsonObject object() {
        return o;
    }

    String where() {
        return where;
    }

    boolean has(String field) {
        return o.has(field) && !o.get(field).isJsonNull();
    }

    /** Rejects fields outside {@code allowed}, so a misspelt option is not silently ignored. */
    void onlyFields(Set<String> allowed) {
        for (String k : o.keySet()) {
            if (!allowed.contains(k)) throw new SpecException(where + ": unknown field '" + k + "' (allowed: " + String.join(", ", allowed) + ")");
        }
    }

    String string(String field) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new SpecException(where + ": field '" + field + "' must be a string, was " + e);
        }
        return e.getAsString();
    }

    String string(String field, String fallback) {
        return has(field) ? string(field) : fallback;
    }

    int positiveInt(String field) {
        int v = integer(field);
        if (v <= 0) throw new SpecException(where + ": field '" + field + "' must be a positive integer, was " + v);
        return v;
    }

    int positiveInt(String field, int fallback) {
        return has(field) ? positiveInt(field) : fallback;
    }

    int nonNegativeInt(String field, int fallback) {
        if (!has(field)) return fallback;
        int v = integer(field);
        if (v < 0) throw new SpecException(where + ": field '" + field + "' must be >= 0, was " + v);
        return v;
    }

    private int integer(String field) {
        JsonElement e = o.get(field);
        try {
            if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                return e.getAsJsonPrimitive().getAsBigDecimal().intValueExact();
            }
        } catch (ArithmeticException | NumberFormatException ignored) {
            // reported below (Gson refuses numbers with huge exponents)
        }
        throw new SpecException(where + ": field '" + field + "' must be an integer, was " + e);
    }

    double number(String field, double fallback) {
        if (!has(field)) return fallback;
        JsonElement e = o.get(field);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber() || !Double.isFinite(e.getAsDouble())) {
            throw new SpecException(where + ": field '" + field + "' must be a finite number, was " + e);
        }
        return e.getAsDouble();
    }

    double numberIn(String field, double fallback, double lo, double hi) {
        double v = number(field, fallback);
        if (v < lo || v > hi) throw new SpecException(where + ": field '" + field + "' must be in [" + lo + ", " + hi + "], was " + v);
        return v;
    }

    /** A finite number &gt; 0. */
    double positiveNumber(String field) {
        double v = number(field, 1);
        if (!(v > 0)) throw new SpecException(where + ": field '" + field + "' must be > 0, was " + v);
        return v;
    }

    boolean bool(String field, boolean fallback) {
        if (!has(field)) return fallback;
        JsonElement e = o.get(field);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new SpecException(where + ": field '" + field + "' must be true or false, was " + e);
        }
        return e.getAsBoolean();
    }

    int[] positiveInts(String field) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw new SpecException(where + ": field '" + field + "' must be a non-empty array of positive integers, was " + e);
        }
        JsonArray a = e.getAsJsonArray();
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) {
            JsonElement x = a.get(i);
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber() || x.getAsDouble() != Math.rint(x.getAsDouble())
                    || x.getAsDouble() <= 0 || x.getAsDouble() > Integer.MAX_VALUE) {
                throw new SpecException(where + ": field '" + field + "' must hold positive integers, element " + i + " was " + x);
            }
            r[i] = x.getAsInt();
        }
        return r;
    }

    /** A non-empty array of finite numbers, as floats. */
    float[] finiteFloats(String field) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw new SpecException(where + ": field '" + field + "' must be a non-empty array of numbers, was " + e);
        }
        JsonArray a = e.getAsJsonArray();
        float[] r = new float[a.size()];
        for (int i = 0; i < r.length; i++) {
            JsonElement x = a.get(i);
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber() || !Float.isFinite(x.getAsFloat())) {
                throw new SpecException(where + ": field '" + field + "' must hold finite numbers, element " + i + " was " + x);
            }
            r[i] = x.getAsFloat();
        }
        return r;
    }

    JsonArray array(String field) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonArray()) throw new SpecException(where + ": field '" + field + "' must be an array, was " + e);
        return e.getAsJsonArray();
    }

    JsonFields child(String field) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonObject()) throw new SpecException(where + ": field '" + field + "' must be an object, was " + e);
        return new JsonFields(e.getAsJsonObject(), where + "." + field);
    }
}
