package org.snn4j.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training settings a preset was measured with (optimizer, learning rate, loss, encoder, T, ...), so
 * that a preset picked by name trains as its documentation says. Settings are named as the training
 * command's flags without the dashes ({@code lr}, {@code optimizer}, {@code T}, ...) and hold the flag's
 * text; a flag given explicitly wins over the recipe. The neuron is part of the preset's spec, not of the
 * recipe.
 *
 * @param settings setting name to value, in the order they are shown
 * @param source   where the recipe and its measured result are documented
 */
public record Recipe(Map<String, String> settings, String source) {
    /** No settings: the command's own defaults apply. */
    public static final Recipe NONE = new Recipe(Map.of(), "");

    public Recipe {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Whether the recipe sets nothing. */
    public boolean isEmpty() {
        return settings.isEmpty();
    }

    /**
     * A recipe from alternating names and values ({@code "lr", "0.0085", "loss", "sse"}).
     *
     * @throws IllegalArgumentException for an odd count
     */
    public static Recipe of(String source, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("names and values must alternate");
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) m.put(namesAndValues[i], namesAndValues[i + 1]);
        return new Recipe(m, source);
    }

    /** This recipe without the setting {@code name} (the same recipe when it has none). */
    public Recipe without(String name) {
        if (!settings.containsKey(name)) return this;
        Map<String, String> m = new LinkedHashMap<>(settings);
        m.remove(name);
        return new Recipe(m, source);
    }

    /** The settings as command-line flags ({@code --lr 0.0085 --loss sse}). */
    public String asFlags() {
        StringBuilder b = new StringBuilder();
        settings.forEach((k, v) -> b.append(b.isEmpty() ? "" : " ").append("--").append(k).append(' ').append(v));
        return b.toString();
    }
}
