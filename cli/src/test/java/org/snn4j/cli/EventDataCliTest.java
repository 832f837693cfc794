package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} and {@code eval} on event data: the emulated n-digits read as T frames. */
class EventDataCliTest {
    @TempDir
    Path dir;

    private static JsonObject lastJson(String out) {
        List<String> lines = out.lines().toList();
        return JsonParser.parseString(lines.getLast()).getAsJsonObject();
    }

    @Test
    void trainsTheNmnistPresetOnEmulatedDigitsAndEvaluatesWithTheSameFrames() {
        Path model = dir.resolve("n.snn4j");
        CliTest.Run t = CliTest.run("train", "--data", "n-digits", "--limit-train", "96", "--limit-test", "48", "--epochs", "1",
                "--T", "4", "--downsample", "2", "--denoise", "5000", "--threads", "1", "--no-progress", "--json",
                "--frames-cache", dir.resolve("frames").toString(), "--out", model.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("training nmnist") && t.err().contains("n-digits-train (emulated)[:96]")
                && t.err().contains("4 frames by number"), t.err());
        JsonObject j = lastJson(t.out());
        assertEquals("nmnist", j.get("model").getAsString());
        assertEquals(2, dir.resolve("frames").toFile().list().length, "the train and test frames are cached");
        CliTest.Run again = CliTest.run("train", "--data", "n-digits", "--limit-train", "96", "--limit-test", "48", "--epochs", "1",
                "--T", "4", "--downsample", "2", "--denoise", "5000", "--threads", "1", "--no-progress", "--json",
                "--frames-cache", dir.resolve("frames").toString(), "--out", dir.resolve("again.snn4j").toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(j.get("test_accuracy").getAsDouble(), lastJson(again.out()).get("test_accuracy").getAsDouble(), 0,
                "the cached frames train the same model");
        CliTest.Run e = CliTest.run("eval", "--model-file", model.toString(), "--data", "n-digits", "--limit-test", "48",
                "--downsample", "2", "--denoise", "5000", "--engine", "event", "--json");
        assertEquals(0, e.code(), e.err());
        assertEquals(j.get("test_accuracy").getAsDouble(), lastJson(e.out()).get("test_accuracy").getAsDouble(), 0,
                "eval of the saved model on the same frames repeats train's test accuracy");
        // frames of another size than the model was trained on: refused with both shapes named
        CliTest.Run other = CliTest.run("eval", "--model-file", model.toString(), "--data", "n-digits", "--limit-test", "8");
        assertEquals(2, other.code(), other.out());
        assertTrue(other.err().contains("the model reads frames of [2, 17, 17]") && other.err().contains("[2, 34, 34]"), other.err());
    }

    @Test
    void eventFlagsAreCheckedBeforeDataIsRead() {
        CliTest.Run split = CliTest.run("train", "--data", "n-digits", "--split-by", "window:0", "--epochs", "1");
        assertEquals(2, split.code());
        assertTrue(split.err().contains("--split-by"), split.err());
        CliTest.Run polarity = CliTest.run("train", "--data", "n-digits", "--polarity", "both");
        assertEquals(2, polarity.code());
        assertTrue(polarity.err().contains("--polarity must be channels or merged"), polarity.err());
        CliTest.Run encoder = CliTest.run("train", "--data", "n-digits", "--encoder", "bernoulli");
        assertEquals(2, encoder.code());
        assertTrue(encoder.err().contains("event data, read as frames"), encoder.err());
        CliTest.Run frames = CliTest.run("train", "--encoder", "frames");
        assertEquals(2, frames.code());
        assertTrue(frames.err().contains("--encoder frames reads event data"), frames.err());
        CliTest.Run ann = CliTest.run("train", "--data", "n-digits", "--ann");
        assertEquals(2, ann.code());
        CliTest.Run unknown = CliTest.run("train", "--data", "n-digitz");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("n-digits"), "the valid names are listed: " + unknown.err());
    }
}
