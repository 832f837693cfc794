package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.model.ModelFile;
import org.snn4j.model.Recipe;
import org.snn4j.nn.BatchNorm;
import picocli.CommandLine;

/** {@code train --norm tdbn}: a deep preset with tdBN fires at initialisation, and goes out to NIR folded. */
class NormOptionTest {
    @TempDir
    Path dir;

    private static JsonObject json(CliTest.Run r) {
        assertEquals(0, r.code(), r.err());
        return JsonParser.parseString(r.lastLine()).getAsJsonObject();
    }

    @Test
    void tdbnTrainsADeepPresetThatFiresAndExportsFolded() {
        Path model = dir.resolve("vgg11.snn4j"), nir = dir.resolve("vgg11.nir"), back = dir.resolve("back.snn4j");
        CliTest.Run train = CliTest.run("train", "--model", "vgg11", "--width", "0.25", "--norm", "tdbn", "--limit-train", "64",
                "--limit-test", "32", "--epochs", "1", "--T", "4", "--threads", "1", "--no-progress", "--json", "--out", model.toString());
        JsonObject o = json(train);
        JsonObject rates = o.getAsJsonObject("init_rates");
        assertEquals(10, rates.size(), rates.toString());
        rates.entrySet().forEach(e -> assertTrue(e.getValue().getAsDouble() > 0, "every spiking layer fires at initialisation: " + rates));
        String line = train.err().lines().filter(l -> l.startsWith("at initialisation")).findFirst().orElseThrow();
        assertFalse(line.contains(" 0.000"), line);
        assertEquals(10, ModelFile.read(model).model().layers().stream().filter(l -> l instanceof BatchNorm).count(),
                "a tdBN after each of the 8 convs and the 2 hidden linear layers");

        CliTest.Run export = CliTest.run("export", "--format", "nir", "--model-file", model.toString(), "--out", nir.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(export.err().contains("batch norms folded"), export.err());
        assertEquals(0, CliTest.run("import", "--format", "nir", nir.toString(), "--T", "4", "--out", back.toString()).code());
        String[] eval = {"--limit-test", "100", "--T", "4", "--threads", "1", "--json"};
        JsonObject a = json(CliTest.run(concat("eval", "--model-file", model.toString(), eval)));
        JsonObject b = json(CliTest.run(concat("eval", "--model-file", back.toString(), eval)));
        assertEquals(a.get("test_accuracy"), b.get("test_accuracy"), "the folded network classifies as the trained one");
        assertEquals(a.get("spikes_per_neuron_per_step"), b.get("spikes_per_neuron_per_step"));
    }

    @Test
    void aRecipeMaySetTheNormAndAnExplicitFlagWins() {
        Recipe recipe = Recipe.of("a recipe that names tdBN", "norm", "tdbn", "T", "4");
        for (String given : new String[] {null, "none"}) {
            String[] args = given == null ? new String[] {"train", "--model", "vgg11"} : new String[] {"train", "--model", "vgg11", "--norm", given};
            CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(args);
            TrainCommand train = parsed.subcommand().commandSpec().commandLine().getCommand();
            RecipeDefaults.apply(train.spec, recipe);
            assertEquals(given == null ? "tdbn" : given, train.modelOptions.norm);
        }
    }

    @Test
    void badNormUsageIsRefusedBeforeAnyData() {
        for (String[] args : new String[][] {{"--norm", "bn"}, {"--norm", "layer"}, {"--ann", "--norm", "tdbn"},
                {"--model", "w1", "--norm", "tdbn"}, {"--model", "vgg11", "--norm", "tdbn", "--init", "activity"}}) {
            CliTest.Run r = CliTest.run(concat("train", "--data-dir", "/nonexistent", "--limit-train", "8", args));
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("--norm") || r.err().contains("--init"), r.err());
        }
    }

    private static String[] concat(String command, String flag, String value, String[] rest) {
        return Stream.concat(Stream.of(command, flag, value), Arrays.stream(rest)).toArray(String[]::new);
    }

    private static String[] concat(String command, String flag, String value, String flag2, String value2, String[] rest) {
        return concat(command, flag, value, Stream.concat(Stream.of(flag2, value2), Arrays.stream(rest)).toArray(String[]::new));
    }
}
