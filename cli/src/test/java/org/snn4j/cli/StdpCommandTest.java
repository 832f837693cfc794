package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code snn4j stdp} on a few bundled digits: it runs, prints each pass and its JSON, and checks its flags. */
class StdpCommandTest {
    @TempDir
    Path dir;

    @Test
    void plotsAreTheReceptiveFieldsAndARaster() throws java.io.IOException {
        Path plots = dir.resolve("plots");
        CliTest.Run r = CliTest.run("stdp", "--neurons", "4", "--limit-train", "5", "--limit-test", "2", "--dt", "1",
                "--plots", plots.toString());
        assertEquals(0, r.code(), r.err());
        java.awt.image.BufferedImage fields = javax.imageio.ImageIO.read(plots.resolve("receptive-fields.png").toFile());
        assertEquals(2 * 560, fields.getWidth()); // the figure at twice its CSS size
        assertTrue(Files.readString(plots.resolve("receptive-fields.svg")).contains("href=\"data:image/png;base64,"));
        assertTrue(Files.size(plots.resolve("raster.png")) > 0 && Files.readString(plots.resolve("raster.svg")).contains(">excitatory</text>"));
    }

    @Test
    void benchOnlyTimesTheLearning() {
        CliTest.Run r = CliTest.run("stdp", "--neurons", "4", "--limit-train", "3", "--dt", "1", "--bench", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("stdp learning, 4 neurons, dt 1.0 ms: 3 samples in"), r.out());
        assertTrue(!r.out().contains("test accuracy"), r.out());
        JsonObject o = JsonParser.parseString(r.lastLine()).getAsJsonObject();
        assertTrue(o.get("samples_per_second").getAsDouble() > 0);
    }
    @Test
    void trainsAndReportsEveryPass() {
        CliTest.Run r = CliTest.run("stdp", "--neurons", "10", "--passes", "2", "--limit-train", "20", "--limit-test", "10",
                "--dt", "1", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("pass 1: 20 samples in"), r.out());
        assertTrue(r.out().contains("pass 2: 20 samples in"), r.out());
        JsonObject o = JsonParser.parseString(r.lastLine()).getAsJsonObject();
        assertEquals("diehl-cook:10", o.get("model").getAsString());
        assertEquals(2, o.getAsJsonArray("passes").size());
        double acc = o.getAsJsonArray("passes").get(1).getAsJsonObject().get("test_accuracy").getAsDouble();
        assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
    }

    @Test
    void badFlagsAreUsageErrors() throws java.io.IOException {
        assertEquals(2, CliTest.run("stdp", "--neurons", "0").code());
        assertEquals(2, CliTest.run("stdp", "--passes", "0").code());
        assertEquals(2, CliTest.run("stdp", "--dt", "-1").code());
        assertEquals(2, CliTest.run("stdp", "--bench", "--plots", dir.toString()).code());
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        assertEquals(2, CliTest.run("stdp", "--plots", file.toString()).code());
    }
}
