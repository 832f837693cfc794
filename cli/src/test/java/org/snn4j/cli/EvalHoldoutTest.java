package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval --holdout N}: the score on the last N of the kept training samples, for choosing settings without the test set. */
class EvalHoldoutTest {
    @TempDir
    Path dir;

    @Test
    void scoresTheLastTrainingSamplesInDataOrderAndRefusesMoreThanThereAre() throws Exception {
        Path model = dir.resolve("w1.snn4j");
        CliTest.Run t = CliTest.run("train", "--model", "w1", "--width", "0.25", "--limit-train", "128", "--limit-test", "64",
                "--epochs", "1", "--T", "4", "--threads", "1", "--no-progress", "--out", model.toString());
        assertEquals(0, t.code(), t.err());
        Path logits = dir.resolve("heldout.npy");
        CliTest.Run e = CliTest.run("eval", "--model-file", model.toString(), "--limit-train", "300", "--holdout", "100",
                "--logits", logits.toString(), "--json");
        assertEquals(0, e.code(), e.err());
        JsonObject o = JsonParser.parseString(e.lastLine()).getAsJsonObject();
        assertEquals(100, o.get("heldout_samples").getAsInt());
        // the logits are those of training samples 200..299: their argmax against those labels gives the accuracy
        byte[] bytes = Files.readAllBytes(logits);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerEnd = 10 + b.getShort(8), classes = 10;
        assertEquals(headerEnd + 4 * 100 * classes, bytes.length);
        int[] labels = org.snn4j.datasets.Datasets.load("mnist-10k", null, true).labels();
        int correct = 0;
        for (int i = 0; i < 100; i++) {
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (b.getFloat(headerEnd + 4 * (i * classes + j)) > b.getFloat(headerEnd + 4 * (i * classes + best))) best = j;
            }
            if (best == labels[200 + i]) correct++;
        }
        assertEquals(correct / 100.0, o.get("test_accuracy").getAsDouble(), 1e-12);
        Path tail = dir.resolve("tail.npy");
        CliTest.Run last50 = CliTest.run("eval", "--model-file", model.toString(), "--limit-train", "300", "--holdout", "50",
                "--logits", tail.toString());
        assertEquals(0, last50.code(), last50.err());
        byte[] tailBytes = Files.readAllBytes(tail);
        assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOfRange(bytes, headerEnd + 4 * 50 * classes, bytes.length),
                java.util.Arrays.copyOfRange(tailBytes, headerEnd, tailBytes.length)), "the last 50 of 300 are the second half of the last 100");

        CliTest.Run tooMany = CliTest.run("eval", "--model-file", model.toString(), "--limit-train", "50", "--holdout", "60");
        assertEquals(2, tooMany.code());
        assertTrue(tooMany.err().contains("--holdout 60 is more than the 50 training samples"), tooMany.err());
        CliTest.Run zero = CliTest.run("eval", "--model-file", model.toString(), "--holdout", "0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--holdout must be > 0, was 0"), zero.err());
    }
}
