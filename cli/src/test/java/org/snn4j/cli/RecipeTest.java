package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.model.Presets;
import org.snn4j.model.Recipe;
import picocli.CommandLine;

/** A preset's training recipe replaces the defaults of the flags not given; an explicit flag wins. */
class RecipeTest {
    @TempDir
    Path dir;

    /** The train command as parsed from {@code args}, with the lenet recipe applied as {@code call} applies it. */
    private static TrainCommand parsedWithRecipe(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).setOverwrittenOptionsAllowed(true).parseArgs(args);
        TrainCommand train = parsed.subcommand().commandSpec().commandLine().getCommand();
        RecipeDefaults.apply(train.spec, Presets.recipe(train.modelOptions.model));
        return train;
    }

    @Test
    void leeRecipeIsAppliedWithoutFlags() {
        TrainCommand t = parsedWithRecipe("train", "--model", "lenet");
        assertEquals(20, t.steps);
        assertEquals("bernoulli", t.encoder);
        assertEquals(0.5, t.gain);
        assertEquals(3, t.training.epochs);
        assertEquals(64, t.training.batch);
        assertEquals("sgd", t.training.optimizer);
        assertEquals(0.0, t.training.momentum);
        assertEquals(0.0085, t.training.lr);
        assertEquals("sse", t.training.loss);
        assertEquals(5e-4, t.training.weightDecay);
        assertEquals("constant", t.training.schedule);
    }

    @Test
    void anExplicitFlagWinsOverTheRecipe() {
        TrainCommand t = parsedWithRecipe("train", "--model", "lenet", "--lr", "0.01", "--T", "4", "--loss", "ce", "--epochs", "5");
        assertEquals(0.01, t.training.lr);
        assertEquals(4, t.steps);
        assertEquals("ce", t.training.loss);
        assertEquals(5, t.training.epochs);
        assertEquals("sgd", t.training.optimizer, "the flags not given still come from the recipe");
        assertEquals(20, parsedWithRecipe("train", "--model", "lenet", "--lr", "0.01").steps);
    }

    @Test
    void aPresetWithoutRecipeKeepsTheDefaults() {
        TrainCommand t = parsedWithRecipe("train", "--model", "w1");
        assertEquals(8, t.steps);
        assertEquals(5e-3, t.training.lr);
        assertEquals("adam", t.training.optimizer);
        assertEquals("ce", t.training.loss);
    }

    /**
     * Every preset by a name that builds: the families ({@code resnet<6n+2>}, {@code backres-vgg<n>}, {@code plain-vgg<n>})
     * by their shallowest member, a deep one and, for the ResNets, the first with tdBN in its recipe.
     */
    static List<String> everyPreset() {
        List<String> names = new ArrayList<>();
        for (String name : Presets.names()) {
            switch (name) {
                case "resnet<6n+2>" -> names.addAll(List.of("resnet8", "resnet14", "resnet56", "resnet110"));
                case "backres-vgg<n>" -> names.addAll(List.of("backres-vgg1", "backres-vgg3"));
                case "plain-vgg<n>" -> names.addAll(List.of("plain-vgg1", "plain-vgg3"));
                default -> names.add(name);
            }
        }
        assertTrue(names.stream().noneMatch(n -> n.contains("<")), "a family without members here: " + names);
        return names;
    }

    /** Whether an option's value is the recipe's text as the option's type reads it. */
    private static boolean sameValue(Object value, String text) {
        if (value instanceof Number n) return n.doubleValue() == Double.parseDouble(text);
        if (value instanceof Boolean b) return b == Boolean.parseBoolean(text);
        return text.equals(value);
    }

    @Test
    void everyPresetsRecipeParsesIntoTrainsOptions() {
        for (String name : everyPreset()) {
            TrainCommand t = parsedWithRecipe("train", "--model", name);
            t.training.check(t.spec);
            t.modelOptions.check(t.spec);
            Recipe recipe = Presets.recipe(name);
            recipe.settings().forEach((key, text) -> {
                Object value = t.spec.findOption("--" + key).getValue();
                assertTrue(sameValue(value, text), name + ": --" + key + " is " + value + ", the recipe says " + text);
            });
            assertTrue(recipe.isEmpty() || !recipe.source().isBlank(), name + ": a recipe names its source");
            for (String shrinking : List.of("width", "limit-train", "limit-test")) {
                assertFalse(recipe.settings().containsKey(shrinking), name + ": a recipe does not shrink the network or the data (--" + shrinking + ")");
            }
        }
        TrainCommand vgg9 = parsedWithRecipe("train", "--model", "vgg9");
        assertEquals(0.2, vgg9.modelOptions.dropout, "a model flag from the recipe");
        assertTrue(vgg9.training.flip);
        assertEquals(4, vgg9.training.crop);
        assertEquals(0.0, parsedWithRecipe("train", "--model", "vgg9", "--dropout", "0").modelOptions.dropout);
    }

    @Test
    void trainReportsTheRecipeItApplied() {
        CliTest.Run r = CliTest.run("train", "--model", "lenet", "--width", "0.25", "--limit-train", "64", "--limit-test", "32",
                "--epochs", "1", "--T", "2", "--no-progress", "--json", "--out", dir.resolve("lenet.snn4j").toString());
        assertEquals(0, r.code(), r.err());
        String recipe = JsonParser.parseString(r.lastLine()).getAsJsonObject().get("recipe").getAsString();
        assertTrue(recipe.contains("--loss sse") && recipe.contains("--optimizer sgd") && recipe.contains("--lr 0.0085"), recipe);
        assertFalse(recipe.contains("--T ") || recipe.contains("--epochs "), "given flags are not the recipe's: " + recipe);
        assertTrue(r.err().contains("recipe of lenet: "), r.err());
    }

    @Test
    void activityInitialisationKeepsADeepPresetFiring() {
        CliTest.Run r = CliTest.run("train", "--model", "vgg11", "--width", "0.25", "--init", "activity", "--limit-train", "64",
                "--limit-test", "32", "--epochs", "1", "--T", "4", "--no-progress", "--json", "--out", dir.resolve("vgg11.snn4j").toString());
        assertEquals(0, r.code(), r.err());
        String line = r.err().lines().filter(l -> l.startsWith("activity initialisation")).findFirst().orElseThrow();
        assertFalse(line.contains(" 0.000"), "every spiking layer fires: " + line);
        String recipe = JsonParser.parseString(r.lastLine()).getAsJsonObject().get("recipe").getAsString();
        assertFalse(recipe.contains("--norm"), "--init activity, asked for, wins over the recipe's tdBN: " + recipe);
        assertEquals(2, CliTest.run("train", "--init", "lsuv", "--data-dir", "/nonexistent").code());
        assertEquals(2, CliTest.run("train", "--ann", "--init", "activity", "--data-dir", "/nonexistent").code());
    }

    @Test
    void theRatesAtInitialisationTakeNoMoreImagesThanABatch() {
        CliTest.Run r = CliTest.run("train", "--model", "w1", "--width", "0.25", "--batch", "16", "--limit-train", "64", "--limit-test", "32",
                "--epochs", "1", "--T", "2", "--no-progress", "--out", dir.resolve("w1.snn4j").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("at initialisation, spikes per neuron per step (first 16 training images"), r.err());
    }

    @Test
    void annTrainingKeepsTheCommandDefaults() {
        CliTest.Run r = CliTest.run("train", "--ann", "--model", "lenet", "--width", "0.25", "--limit-train", "64",
                "--limit-test", "32", "--epochs", "1", "--no-progress", "--json", "--out", dir.resolve("ann.snn4j").toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(JsonParser.parseString(r.lastLine()).getAsJsonObject().has("recipe"), r.lastLine());
        assertFalse(r.err().contains("recipe of"), r.err());
    }

    @Test
    void infoShowsThePresetsNeuronAndRecipe() {
        CliTest.Run r = CliTest.run("info", "--model", "lenet", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.lastLine()).getAsJsonObject();
        assertEquals(Presets.recipe("lenet").asFlags(), o.get("recipe").getAsString());
        assertTrue(o.get("neuron").getAsString().startsWith("lif, leak 0.99, threshold 1.0, reset zero"), o.toString());
        assertTrue(r.out().contains("recipe: --T 20 --encoder bernoulli"), r.out());
        assertTrue(o.getAsJsonObject("spec").has("layers"), o.toString());
        CliTest.Run w1 = CliTest.run("info", "--model", "w1");
        assertTrue(w1.out().contains("recipe: none"), w1.out());
        assertEquals(2, CliTest.run("info", "--model", "nonet").code());
    }

    @Test
    void infoShowsEveryPresetsRecipe() {
        for (String name : everyPreset()) {
            CliTest.Run r = CliTest.run("info", "--model", name, "--json");
            assertEquals(0, r.code(), name + ": " + r.err());
            JsonObject o = JsonParser.parseString(r.lastLine()).getAsJsonObject();
            Recipe recipe = Presets.recipe(name);
            assertEquals(recipe.isEmpty() ? "none: train's defaults" : recipe.asFlags(), o.get("recipe").getAsString(), name);
            assertTrue(r.out().contains("recipe: " + o.get("recipe").getAsString() + "\n"), name + ": " + r.out());
            if (!recipe.isEmpty()) assertEquals(recipe.source(), o.get("recipe_source").getAsString(), name);
            Presets.Options built = new Presets.Options(Presets.Norm.byLabel(recipe.settings().getOrDefault("norm", "none")),
                    Double.parseDouble(recipe.settings().getOrDefault("dropout", "0")), 1);
            assertEquals(JsonParser.parseString(Presets.byName(name, new int[] {1, 28, 28}, 10, built).toJson()), o.get("spec"),
                    name + ": the spec shown is the preset with the recipe's normalisation and dropout");
        }
    }

    /** The deep presets that fall silent without normalisation (docs/EXPERIMENTS.md, issue 25). */
    static final String[] TDBN_PRESETS = {"vgg9-plan", "vgg11", "vgg16", "resnet14", "resnet20", "resnet56", "resnet110"};

    @Test
    void theDeepPresetsTrainWithTdbnUnlessNormNoneIsGiven() {
        for (String name : TDBN_PRESETS) {
            assertEquals("tdbn", parsedWithRecipe("train", "--model", name).modelOptions.norm, name);
            assertEquals("none", parsedWithRecipe("train", "--model", name, "--norm", "none").modelOptions.norm, name);
        }
        // vgg7's figures were measured without normalisation, Lee's presets follow the authors' code (no batch norm),
        // the shallower ResNets fire in every layer without it
        for (String name : new String[] {"vgg7", "vgg9", "resnet11", "lenet", "resnet7", "resnet9", "resnet11-plan", "resnet8", "w1",
                "backres-vgg2", "plain-vgg2", "nmnist"}) {
            assertEquals("none", parsedWithRecipe("train", "--model", name).modelOptions.norm, name);
        }
    }

    @Test
    void vgg11FromItsRecipeFiresInEveryLayerAndNormNoneFallsSilent() {
        JsonObject withRecipe = trainVgg11("vgg11-recipe.snn4j");
        assertTrue(withRecipe.get("recipe").getAsString().contains("--norm tdbn"), withRecipe.toString());
        JsonObject rates = withRecipe.getAsJsonObject("init_rates");
        rates.entrySet().forEach(e -> assertTrue(e.getValue().getAsDouble() > 0.01, "every spiking layer fires: " + rates));
        JsonObject none = trainVgg11("vgg11-none.snn4j", "--norm", "none");
        assertFalse(none.get("recipe").getAsString().contains("--norm"), none.toString());
        assertTrue(none.getAsJsonObject("init_rates").entrySet().stream().anyMatch(e -> e.getValue().getAsDouble() < 0.001),
                "without tdBN a deep layer is silent: " + none.getAsJsonObject("init_rates"));
    }

    private JsonObject trainVgg11(String out, String... extra) {
        String[] base = {"train", "--model", "vgg11", "--width", "0.25", "--limit-train", "64", "--limit-test", "32", "--epochs", "1",
                "--threads", "1", "--no-progress", "--json", "--out", dir.resolve(out).toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra)).toArray(String[]::new);
        CliTest.Run r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        return JsonParser.parseString(r.lastLine()).getAsJsonObject();
    }
}
