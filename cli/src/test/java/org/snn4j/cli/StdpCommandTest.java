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
    void holdoutScoresOnTheLastTrainingSamplesWithTheBrianSettings() {
        CliTest.Run r = CliTest.run("stdp", "--neurons", "6", "--limit-train", "30", "--holdout", "10", "--lockout", "50",
                "--conductances", "euler", "--theta-rest", "-20", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("pass 1: 20 samples in") && r.out().contains("held-out accuracy"), r.out());
        JsonObject o = JsonParser.parseString(r.lastLine()).getAsJsonObject();
        assertEquals(10, o.get("heldout_samples").getAsInt());
        assertEquals(50.0, o.get("lockout_ms").getAsDouble());
        assertEquals("euler", o.get("conductances").getAsString());
        assertEquals(-20.0, o.get("theta_rest_mv").getAsDouble());
        assertTrue(o.getAsJsonArray("passes").get(0).getAsJsonObject().has("heldout_accuracy"));
        assertEquals(2, CliTest.run("stdp", "--limit-train", "10", "--holdout", "10").code());
        assertEquals(2, CliTest.run("stdp", "--holdout", "5", "--bench").code());
        assertEquals(2, CliTest.run("stdp", "--conductances", "rk4").code());
        assertEquals(2, CliTest.run("stdp", "--lockout", "-1").code());
        assertEquals(2, CliTest.run("stdp", "--theta-rest", "-200").code());
        assertEquals(2, CliTest.run("stdp", "--conductances", "euler", "--dt", "1").code());
    }

    @Test
    void pretrainStdpInitialisesTheConvolutionsBeforeGradientTraining() {
        CliTest.Run r = CliTest.run("train", "--model", "w1", "--width", "0.25", "--pretrain", "stdp", "--pretrain-samples", "20",
                "--limit-train", "64", "--limit-test", "32", "--epochs", "1", "--T", "2", "--no-progress", "--json", "--out",
                dir.resolve("w1.snn4j").toString());
        assertEquals(0, r.code(), r.err());
        java.util.List<String> lines = r.err().lines().filter(l -> l.startsWith("STDP pre-training")).toList();
        assertEquals(2, lines.size(), r.err());   // w1's two convolutions, one after the other
        assertTrue(lines.get(0).contains("20 samples"), lines.get(0));
        JsonObject o = JsonParser.parseString(r.lastLine()).getAsJsonObject();
        assertEquals("stdp, 20 samples per convolution", o.get("pretrain").getAsString());
        assertEquals(2, CliTest.run("train", "--pretrain", "hebb", "--data-dir", "/nonexistent").code());
        assertEquals(2, CliTest.run("train", "--pretrain-samples", "5", "--data-dir", "/nonexistent").code());
        assertEquals(2, CliTest.run("train", "--model", "diehl-cook:10", "--learning", "stdp", "--pretrain", "stdp").code());
        assertEquals(2, CliTest.run("train", "--model", "resnet7", "--pretrain", "stdp", "--limit-train", "8", "--limit-test", "8").code());
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

    @Test
    void trainWithLearningStdpIsTheSameRunAsStdp() {
        String[] data = {"--limit-train", "12", "--limit-test", "6", "--json"};
        CliTest.Run viaStdp = CliTest.run(CliTest.with(new String[] {"stdp", "--neurons", "5", "--passes", "2"}, data));
        CliTest.Run viaTrain = CliTest.run(CliTest.with(new String[] {"train", "--model", "diehl-cook:5", "--learning", "stdp",
                "--epochs", "2"}, data));
        assertEquals(0, viaStdp.code(), viaStdp.err());
        assertEquals(0, viaTrain.code(), viaTrain.err());
        JsonObject a = JsonParser.parseString(viaStdp.lastLine()).getAsJsonObject(), b = JsonParser.parseString(viaTrain.lastLine()).getAsJsonObject();
        assertEquals("diehl-cook:5", b.get("model").getAsString());
        assertEquals(a.get("dt_ms"), b.get("dt_ms"));
        assertEquals(2, b.getAsJsonArray("passes").size());
        for (int p = 0; p < 2; p++) {
            assertEquals(a.getAsJsonArray("passes").get(p).getAsJsonObject().get("test_accuracy"),
                    b.getAsJsonArray("passes").get(p).getAsJsonObject().get("test_accuracy"), "pass " + (p + 1) + ": the same network");
        }
        CliTest.Run onePass = CliTest.run(CliTest.with(new String[] {"train", "--model", "diehl-cook:3", "--learning", "stdp"}, data));
        assertEquals(0, onePass.code(), onePass.err());
        assertEquals(1, JsonParser.parseString(onePass.lastLine()).getAsJsonObject().getAsJsonArray("passes").size(), "stdp's default: one pass");
    }

    @Test
    void trainRefusesStdpWithAnotherModelOrGradientFlags() {
        String[][] bad = {
            {"train", "--model", "w1", "--learning", "stdp"},
            {"train", "--model", "diehl-cook:4"},
            {"train", "--model", "diehl-cook:x", "--learning", "stdp"},
            {"train", "--model", "diehl-cook:0", "--learning", "stdp"},
            {"train", "--model", "diehl-cook:4", "--learning", "stdp", "--lr", "0.1"},
            {"train", "--model", "diehl-cook:4", "--learning", "stdp", "--epochs", "0"},
            {"train", "--learning", "hebb"},
        };
        for (String[] args : bad) {
            CliTest.Run r = CliTest.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
        }
        assertTrue(CliTest.run(bad[4]).err().contains("--lr does not apply to --learning stdp"));
        assertTrue(CliTest.run(bad[1]).err().contains("add --learning stdp"));
    }

    @Test
    void convLearnsLayerByLayerAndComparesTheReadoutWithRandomFeatures() throws java.io.IOException {
        Path plots = dir.resolve("kernels");
        CliTest.Run r = CliTest.run("stdp", "--conv", "4,6", "--conv-thresholds", "8,4", "--stdp-samples", "20", "--limit-train", "40",
                "--limit-test", "20", "--readout-epochs", "1", "--steps", "8", "--json", "--plots", plots.toString());
        assertEquals(0, r.code(), r.err());
        java.awt.image.BufferedImage first = javax.imageio.ImageIO.read(plots.resolve("conv-kernels-1.png").toFile());
        assertTrue(first.getWidth() > 0, "layer 1's kernels drawn");
        assertTrue(Files.readString(plots.resolve("conv-kernels-2.svg")).contains("6 kernels 5×5 learned by STDP, 4 input channels"));
        assertTrue(r.out().contains("layer 1 (4 maps, threshold 8.0): STDP on 20 samples"), r.out());
        assertTrue(r.out().contains("layer 2 (6 maps, threshold 4.0): STDP on 20 samples"), r.out());
        JsonObject o = JsonParser.parseString(r.lastLine()).getAsJsonObject();
        assertEquals("conv-stdp", o.get("model").getAsString());
        assertEquals("dog", o.get("coding").getAsString());
        assertEquals(6 * 4 * 4, o.get("features").getAsInt()); // 28 -> conv 24 -> pool 12 -> conv 8 -> pool 4
        for (String k : new String[] {"stdp_test_accuracy", "untrained_test_accuracy", "uniform_random_test_accuracy"}) {
            double a = o.get(k).getAsDouble();
            assertTrue(a >= 0 && a <= 1, k + " " + a);
        }
    }

    @Test
    void convAndDiehlCookFlagsDoNotMix() {
        assertTrue(CliTest.run("stdp", "--conv", "4", "--neurons", "10").err().contains("--neurons does not apply to --conv"));
        assertTrue(CliTest.run("stdp", "--kernel", "3").err().contains("--kernel applies to --conv only"));
        assertEquals(2, CliTest.run("stdp", "--conv", "4", "--coding", "poisson").code());
        assertEquals(2, CliTest.run("stdp", "--conv", "0").code());
        assertEquals(2, CliTest.run("stdp", "--conv", "4,4,4", "--conv-thresholds", "1,2").code());
    }
}
