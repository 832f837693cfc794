package org.snn4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snn4j.model.Recipe;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Puts a preset's {@link Recipe} in place of the defaults of the flags the user did not give: a flag
 * given on the command line always wins.
 */
final class RecipeDefaults {
    private RecipeDefaults() {}

    /**
     * Sets every option of {@code spec} that the recipe names and the command line did not match.
     *
     * @return the settings applied, as flags (empty when none)
     * @throws IllegalStateException when the recipe names an option the command does not have (a bug)
     */
    static List<String> apply(CommandSpec spec, Recipe recipe) {
        ParseResult parsed = spec.commandLine().getParseResult();
        List<String> applied = new ArrayList<>();
        for (Map.Entry<String, String> e : recipe.settings().entrySet()) {
            String flag = "--" + e.getKey();
            OptionSpec option = spec.findOption(flag);
            if (option == null) throw new IllegalStateException("recipe names " + flag + ", which " + spec.name() + " lacks");
            if (parsed != null && parsed.hasMatchedOption(flag)) continue;
            option.setValue(converted(option, e.getValue()));
            applied.add(flag + " " + e.getValue());
        }
        return applied;
    }

    private static Object converted(OptionSpec option, String text) {
        Class<?> type = option.type();
        if (type == int.class || type == Integer.class) return Integer.valueOf(text);
        if (type == long.class || type == Long.class) return Long.valueOf(text);
        if (type == double.class || type == Double.class) return Double.valueOf(text);
        if (type == boolean.class || type == Boolean.class) return Boolean.valueOf(text);
        if (type == String.class) return text;
        throw new CommandLine.InitializationException("recipe value for " + option.longestName() + " of type " + type);
    }
}
