package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A --T or --batch whose activations cannot fit the heap is bad usage, refused before the first step (issue 24). */
class RunBudgetCliTest {
    @TempDir
    Path dir;

    @Test
    void trainingAtTooManyStepsIsRefusedBeforeItStartsAndWritesNothing() {
        Path out = dir.resolve("w1.snn4j");
        CliTest.Run r = CliTest.run("train", "--model", "w1", "--T", "100000", "--limit-train", "64", "--limit-test", "64",
                "--epochs", "1", "--threads", "1", "--no-progress", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        String line = r.err().strip().lines().filter(l -> l.startsWith("snn4j train:")).findFirst().orElse(r.err());
        assertTrue(line.startsWith("snn4j train: --T 100000 and --batch 64: training w1 at T=100000 with batch 64 needs about "), line);
        assertTrue(line.contains(" GB of activations, more than the JVM's maximum heap of "), line);
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(Path.of(out + ".ckpt")));
    }
}
