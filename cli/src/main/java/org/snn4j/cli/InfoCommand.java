package org.snn4j.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.snn4j.datasets.Datasets;
import org.snn4j.kernels.Parallel;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.NeuronSettings;
import org.snn4j.model.Presets;
import org.snn4j.model.Recipe;
import org.snn4j.model.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code snn4j info}: what this installation runs on, or with {@code --model} what a preset is and how it trains. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show version, JDK, threads and SIMD support; with --model, a preset's neuron and training recipe.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "End with one JSON line of the same facts.")
    boolean json;

    @Option(names = "--model", paramLabel = "NAME",
            description = "A preset: show its neuron, its training recipe and its spec (with the recipe's dropout and norm).")
    String model;

    @Option(names = "--data", defaultValue = "mnist-10k",
            description = "With --model: the data set whose input shape the preset is built for (default: ${DEFAULT-VALUE}).")
    String data;

    @Override
    public Integer call() {
        JsonObject o = new JsonObject();
        if (model != null) {
            describePreset(o);
        } else {
            o.addProperty("version", Version.VERSION);
            o.addProperty("java", Runtime.version().toString());
            o.addProperty("threads", Parallel.threads());
            o.addProperty("processors", Runtime.getRuntime().availableProcessors());
            o.addProperty("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        }
        for (var e : o.entrySet()) {
            if (e.getValue().isJsonPrimitive()) System.out.println(e.getKey() + ": " + e.getValue().getAsString());
        }
        if (json) System.out.println(o);
        return 0;
    }

    private void describePreset(JsonObject o) {
        Datasets.Layout layout = Flags.parsed(spec, "--data", () -> Datasets.layout(data));
        Recipe recipe = Presets.recipe(model);
        double dropout = Double.parseDouble(recipe.settings().getOrDefault("dropout", "0"));
        ModelSpec preset;
        try {
            preset = Presets.byName(model, layout.sampleShape(), layout.classes(), new Presets.Options(Presets.Norm.byLabel(recipe.settings().getOrDefault("norm", "none")), dropout, 1));
        } catch (SpecException e) {
            throw new ParameterException(spec.commandLine(), "--model: " + e.getMessage());
        }
        o.addProperty("model", model);
        o.addProperty("neuron", describe(preset.neuron()));
        o.addProperty("recipe", recipe.isEmpty() ? "none: train's defaults" : recipe.asFlags());
        if (!recipe.isEmpty()) o.addProperty("recipe_source", recipe.source());
        o.add("spec", JsonParser.parseString(preset.toJson()));
    }

    /** The neuron fields a preset sets, e.g. {@code lif, leak 0.99, threshold 1.0, reset zero}. */
    static String describe(NeuronSettings n) {
        List<String> parts = new ArrayList<>();
        if (n.model() != null) parts.add(n.model());
        if (n.leak() != null) parts.add("leak " + n.leak());
        if (n.threshold() != null) parts.add("threshold " + n.threshold());
        if (n.reset() != null) parts.add("reset " + n.reset());
        if (n.test() != null) parts.add("test " + n.test());
        if (n.surrogate() != null) parts.add("surrogate " + n.surrogate());
        return String.join(", ", parts);
    }
}
