package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.datasets.EventFileWriters;
import org.snn4j.datasets.NDigits;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Executor;
import org.snn4j.events.Events;
import org.snn4j.events.FrameBinning;
import org.snn4j.events.SparseFrames;
import org.snn4j.interop.NirExporter;
import org.snn4j.interop.NirImporter;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelFile;
import org.snn4j.model.ModelSpec;
import org.snn4j.nn.ForwardContext;

/** {@code snn4j stream}: windows from a file and from standard input, --every, a NIR model, and a truncated stream's error. */
class StreamCliTest {
    @TempDir
    Path dir;

    /** Conv, LIF, avg pool, conv, IF, linear, readout: a network NIR can carry. */
    private static Model network() {
        return ModelBuilder.build(ModelSpec.parse("""
                {"name": "stream-net", "input": [2, 34, 34], "classes": 10,
                 "neuron": {"model": "lif", "leak": 0.9, "threshold": 1.0, "reset": "zero"},
                 "layers": [
                   {"type": "conv", "out": 8, "kernel": 3, "padding": 1}, {"type": "spike"}, {"type": "avgpool", "kernel": 2},
                   {"type": "conv", "out": 16, "kernel": 3, "stride": 2, "padding": 1}, {"type": "spike", "model": "if"},
                   {"type": "flatten"}, {"type": "linear", "out": 10}, {"type": "readout", "leak": 0.9}]}""", "test"),
                ModelBuilder.Mode.SNN, 3);
    }

    /** The readout of binning the whole recording into {@code frames} windows of {@code windowUs} and one pass. */
    private static float[] onePass(Model model, Events recording, int frames, long windowUs) {
        FrameBinning binning = new FrameBinning(FrameBinning.Split.WINDOW, frames, windowUs, true);
        ForwardContext ctx = ForwardContext.evaluation().withSteps(frames);
        return new Executor(model, EngineMode.EVENT).inferEvents(SparseFrames.of(binning, List.of(recording)), ctx).data();
    }

    private static List<JsonObject> lines(CliTest.Run r) {
        return r.out().strip().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    private static float[] readout(JsonObject window) {
        JsonArray a = window.getAsJsonArray("readout");
        float[] r = new float[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = a.get(i).getAsFloat();
        return r;
    }

    /** The last line of stderr (jHDF's reader may log warnings about a NIR file before it). */
    private static String lastLine(String err) {
        return err.strip().lines().toList().getLast();
    }

    private static CliTest.Run withStdin(byte[] bytes, String... args) {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream(bytes));
            return CliTest.run(args);
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void streamsAFileAndStandardInputWindowByWindow() throws Exception {
        Model model = network();
        Path modelFile = dir.resolve("m.snn4j");
        ModelFile.of(model, 8).save(modelFile);
        Events rec = NDigits.open(false).recording(5);
        byte[] bin = EventFileWriters.nmnist(rec);
        Path file = Files.write(dir.resolve("r.bin"), bin);
        String[] args = {"stream", "--model-file", modelFile.toString(), "--format", "nmnist", "--window", "10ms", "--json", "--threads", "1"};
        CliTest.Run r = CliTest.run(CliTest.with(args, "--events", file.toString()));
        assertEquals(0, r.code(), r.err());
        List<JsonObject> out = lines(r);
        int windows = (int) ((rec.lastTimeUs() - rec.firstTimeUs()) / 10_000 + 1);
        assertEquals(windows + 1, out.size(), "a line per window and the summary");
        JsonObject last = out.get(windows - 1);
        assertEquals(windows - 1, last.get("window").getAsInt());
        assertArrayEquals(onePass(model, rec, windows, 10_000), readout(last), 0, "the last window's readout is the one pass's");
        JsonObject summary = out.getLast().getAsJsonObject("summary");
        assertEquals(rec.size(), summary.get("events").getAsLong());
        assertEquals(windows, summary.get("windows").getAsLong());
        assertTrue(summary.get("real_time_factor").getAsDouble() > 0);
        assertTrue(summary.get("spikes").getAsLong() > 0, summary.toString());
        assertEquals(last.get("prediction").getAsInt(), summary.get("prediction").getAsInt());

        CliTest.Run piped = withStdin(bin, CliTest.with(args, "--events", "-"));
        assertEquals(0, piped.code(), piped.err());
        List<JsonObject> fromStdin = lines(piped);
        assertEquals(out.size(), fromStdin.size());
        for (int i = 0; i < windows; i++) {
            assertArrayEquals(readout(out.get(i)), readout(fromStdin.get(i)), 0, "window " + i);
            assertEquals(out.get(i).get("spikes"), fromStdin.get(i).get("spikes"));
        }

        CliTest.Run every = CliTest.run("stream", "--model-file", modelFile.toString(), "--format", "nmnist", "--window", "10ms",
                "--every", "4", "--events", file.toString());
        assertEquals(0, every.code(), every.err());
        List<String> text = every.out().strip().lines().toList();
        assertTrue(text.getFirst().startsWith("window 3 ["), text.getFirst());
        assertTrue(text.get(text.size() - 2).startsWith("window " + (windows - 1) + " ["), "the last window is printed: " + text);
        assertEquals(windows / 4 + (windows % 4 == 0 ? 0 : 1) + 1, text.size(), every.out());
        assertTrue(text.getLast().startsWith("summary: " + windows + " windows, " + rec.size() + " events"), text.getLast());
    }

    @Test
    void aTruncatedStreamPrintsTheLastGoodWindowThenOneLineError() throws Exception {
        Path modelFile = dir.resolve("m.snn4j");
        ModelFile.of(network(), 8).save(modelFile);
        Events rec = NDigits.open(false).recording(9);
        byte[] bin = EventFileWriters.nmnist(rec);
        byte[] cut = java.util.Arrays.copyOf(bin, bin.length / 2 + 2);  // ends inside a record
        CliTest.Run r = withStdin(cut, "stream", "--model-file", modelFile.toString(), "--format", "nmnist", "--window", "5ms", "--json",
                "--every", "1000", "--events", "-");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        int whole = (cut.length / 5) * 5;
        assertEquals("snn4j stream: stdin: byte " + whole + ": record expected 5 bytes, was " + (cut.length - whole)
                + " (the file ends inside a record)", r.err().strip());
        List<JsonObject> out = lines(r);
        assertEquals(1, out.size(), "--every 1000 skipped them all; the last good window is printed before the error: " + r.out());
        Events before = org.snn4j.datasets.NmnistReader.read(java.util.Arrays.copyOf(cut, whole), "x", 34, 34);
        long lastComplete = (before.lastTimeUs() - before.firstTimeUs()) / 5_000 - 1;  // the window in progress is dropped
        assertEquals(lastComplete, out.getFirst().get("window").getAsLong());

        byte[] corrupt = bin.clone();
        int at = bin.length / 5 / 2 * 5;
        corrupt[at] = (byte) 99;  // x = 99 on a 34 x 34 sensor
        CliTest.Run c = withStdin(corrupt, "stream", "--model-file", modelFile.toString(), "--format", "nmnist", "--window", "1ms",
                "--events", "-");
        assertEquals(1, c.code());
        assertTrue(c.err().strip().startsWith("snn4j stream: stdin: byte " + at + ": event address (99, "), c.err());
        assertTrue(c.out().strip().lines().toList().getLast().startsWith("window "), c.out());
    }

    @Test
    void aGapLongerThanMaxGapStopsTheStreamAfterTheWindowsBeforeIt() throws Exception {
        Path modelFile = dir.resolve("m.snn4j");
        ModelFile.of(network(), 8).save(modelFile);
        Events rec = NDigits.open(false).recording(3);
        org.snn4j.events.EventsBuilder b = new org.snn4j.events.EventsBuilder(rec.width(), rec.height(), rec.size());
        int half = rec.size() / 2;
        for (int i = 0; i < rec.size(); i++) {   // the second half 5 s later
            b.add(rec.timeUs(i) + (i < half ? 0 : 5_000_000L), rec.x(i), rec.y(i), rec.polarity(i));
        }
        Path file = Files.write(dir.resolve("gap.bin"), EventFileWriters.nmnist(b.build()));
        String[] args = {"stream", "--model-file", modelFile.toString(), "--format", "nmnist", "--window", "100ms", "--events", file.toString()};
        CliTest.Run stopped = CliTest.run(CliTest.with(args, "--max-gap", "2s"));
        assertEquals(1, stopped.code());
        String err = stopped.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("snn4j stream: event " + (half + 1) + " (t = "), err);
        assertTrue(err.contains("more than the maximum gap of 2.000 s between events"), err);
        long lastComplete = (rec.timeUs(half - 1) - rec.firstTimeUs()) / 100_000 - 1;   // the window in progress is dropped
        assertTrue(stopped.out().strip().lines().toList().getLast().startsWith("window " + lastComplete + " ["), stopped.out());

        CliTest.Run through = CliTest.run(args);   // the default bound (60 s) steps through the 5 s gap
        assertEquals(0, through.code(), through.err());
        long windows = (rec.timeUs(rec.size() - 1) + 5_000_000L - rec.firstTimeUs()) / 100_000 + 1;
        assertTrue(through.out().strip().lines().toList().getLast().startsWith("summary: " + windows + " windows"), through.out());

        CliTest.Run bad = CliTest.run(CliTest.with(args, "--max-gap", "300ev"));
        assertEquals(2, bad.code());
        assertTrue(lastLine(bad.err()).startsWith("snn4j stream: --max-gap: expected a duration"), bad.err());
    }

    @Test
    void runsANirGraphAndRefusesWhatDoesNotFit() throws Exception {
        Path nir = dir.resolve("m.nir");
        NirExporter.export(network(), nir, 1e-4);
        Model imported = NirImporter.importSnn(nir, 1e-4);
        Events rec = NDigits.open(false).recording(2);
        Path file = Files.write(dir.resolve("r.bin"), EventFileWriters.nmnist(rec));
        CliTest.Run r = CliTest.run("stream", "--nir", nir.toString(), "--format", "nmnist", "--window", "20ms", "--json", "--events",
                file.toString());
        assertEquals(0, r.code(), r.err());
        List<JsonObject> out = lines(r);
        int windows = (int) ((rec.lastTimeUs() - rec.firstTimeUs()) / 20_000 + 1);
        assertArrayEquals(onePass(imported, rec, windows, 20_000), readout(out.get(windows - 1)), 0);

        CliTest.Run merged = CliTest.run("stream", "--nir", nir.toString(), "--format", "nmnist", "--polarity", "merged", "--events",
                file.toString());
        assertEquals(1, merged.code());
        assertEquals("snn4j stream: the stream's frames are [1, 34, 34] (a 34x34 sensor after the transforms, 1 channel(s)) but the model "
                + "reads [2, 34, 34]: crop or downsample the sensor, or set the polarity channels", lastLine(merged.err()));
        CliTest.Run window = CliTest.run("stream", "--nir", nir.toString(), "--format", "nmnist", "--window", "0ms", "--events", file.toString());
        assertEquals(2, window.code());
        assertTrue(lastLine(window.err()).startsWith("snn4j stream: --window: window '0ms'"), window.err());
        CliTest.Run both = CliTest.run("stream", "--nir", nir.toString(), "--model-file", nir.toString(), "--format", "nmnist", "--events", "-");
        assertEquals(2, both.code(), both.err());
        CliTest.Run missing = CliTest.run("stream", "--nir", nir.toString(), "--format", "nmnist", "--events", dir.resolve("none.bin").toString());
        assertEquals(1, missing.code());
        assertTrue(lastLine(missing.err()).endsWith("none.bin: file not found"), missing.err());
    }
}
