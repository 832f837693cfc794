package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval --raster N}: the spikes of test sample N as text, one line per shown neuron, one column per step. */
class EvalRasterTest {
    @TempDir
    Path dir;

    @Test
    void printsEverySpikingLayerWithOneColumnPerStepAndRefusesASampleOutOfRange() {
        Path model = dir.resolve("w1.snn4j");
        CliTest.Run t = CliTest.run("train", "--model", "w1", "--width", "0.25", "--limit-train", "128", "--limit-test", "64",
                "--epochs", "1", "--T", "4", "--threads", "1", "--no-progress", "--out", model.toString());
        assertEquals(0, t.code(), t.err());
        CliTest.Run r = CliTest.run("eval", "--model-file", model.toString(), "--limit-test", "64", "--raster", "3");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        List<String> headers = lines.stream().filter(l -> l.matches("sn\\d+: \\d+ neurons, [0-9.]+ spikes per neuron per step, \\d+ of them shown"))
                .toList();
        assertEquals(2, headers.size(), r.out());  // W1's two spiking layers
        List<String> rows = lines.stream().filter(l -> l.matches(" *\\d+ [|·]{4}")).toList();
        assertTrue(rows.size() >= 2 && rows.size() <= 32, r.out());
        assertTrue(rows.stream().anyMatch(l -> l.contains("|")), "active neurons are shown: " + r.out());

        CliTest.Run past = CliTest.run("eval", "--model-file", model.toString(), "--limit-test", "64", "--raster", "64");
        assertEquals(2, past.code());
        assertTrue(past.err().contains("--raster 64 is past the last test sample (63)"), past.err());
    }
}
