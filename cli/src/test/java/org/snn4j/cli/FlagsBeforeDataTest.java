package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad flags are bad usage (exit code 2) before any data is read: with a data directory that does not
 * exist, each of issue 24's late-checked flags still names itself rather than the missing directory.
 */
class FlagsBeforeDataTest {
    @TempDir
    static Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--spike-penalty-weights|nosuch=2|--spike-penalty-weights: spike penalty weight for 'nosuch'",
            "--limit-train|0|--limit-train must be >= 1, was 0",
            "--limit-test|-5|--limit-test must be >= 1, was -5",
            "--width|NaN|--width must be finite and > 0, was NaN",
            "--crop|28|--crop must be < 28, the image size of mnist, was 28",
            "--model|vgg42|--model: unknown model 'vgg42'",
            "--schedule|multistep:abc|--schedule: learning-rate schedule 'multistep:abc'",
            "--neuron|quantum|--neuron: unknown neuron model 'quantum'",
            "--surrogate|magic|--surrogate: unknown surrogate 'magic'"})
    void flagIsRefusedBeforeTheDataDirectoryIsLookedAt(String flag, String value, String message) {
        CliTest.Run r = CliTest.run("train", "--data", "mnist", "--data-dir", dir.resolve("missing").toString(), "--epochs", "1",
                "--out", dir.resolve("never.snn4j").toString(), flag, value);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().strip().startsWith("snn4j train: " + message), r.err());
    }
}
