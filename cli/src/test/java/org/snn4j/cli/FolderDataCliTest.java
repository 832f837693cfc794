package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --data folder:PATH}: train and eval on a folder of PNG and JPEG class folders written here. */
class FolderDataCliTest {
    @TempDir
    Path dir;

    /** Two classes told apart by colour; PNG and JPEG mixed; train/ and val/ as ImageNet lays them out. */
    private Path folder() throws IOException {
        Path root = dir.resolve("images");
        for (int k = 0; k < 16; k++) {
            String split = k < 12 ? "train" : "val";
            write(root.resolve(split + "/bright/" + k + (k % 2 == 0 ? ".png" : ".JPEG")), 20 + k, 18, 0xE0E0E0);
            write(root.resolve(split + "/dark/" + k + (k % 2 == 0 ? ".jpg" : ".png")), 18, 20 + k, 0x202020);
        }
        return root;
    }

    private static void write(Path file, int w, int h, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, rgb + ((x * 7 + y * 3) % 16) * 0x010101);
        Files.createDirectories(file.getParent());
        String n = file.getFileName().toString().toLowerCase();
        assertTrue(ImageIO.write(img, n.endsWith(".png") ? "png" : "jpeg", file.toFile()));
    }

    @Test
    void trainsAndEvaluatesOnAnImageFolder() throws IOException {
        Path root = folder();
        Path model = dir.resolve("folder.snn4j");
        String data = "folder:" + root;
        CliTest.Run t = CliTest.run("train", "--data", data, "--image-size", "8", "--model", "w1", "--width", "0.25",
                "--epochs", "3", "--T", "2", "--batch", "8", "--no-progress", "--out", model.toString(), "--json");
        assertEquals(0, t.code(), t.err());
        JsonObject o = JsonParser.parseString(t.lastLine()).getAsJsonObject();
        assertTrue(t.err().contains("24 train / 8 test samples"), t.err());
        CliTest.Run e = CliTest.run("eval", "--model-file", model.toString(), "--data", data, "--image-size", "8", "--json");
        assertEquals(0, e.code(), e.err());
        JsonObject eo = JsonParser.parseString(e.lastLine()).getAsJsonObject();
        assertEquals(o.get("test_accuracy").getAsDouble(), eo.get("test_accuracy").getAsDouble(), 1e-12,
                "eval reproduces train's final test accuracy (the test split's centre crop is deterministic)");
    }

    @Test
    void badFoldersAndImagesFailWithOneLineNamingThem() throws IOException {
        Path empty = dir.resolve("none");
        Files.createDirectories(empty);
        CliTest.Run r = CliTest.run("train", "--data", "folder:" + empty, "--image-size", "8", "--epochs", "1", "--no-progress");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains(empty + ": no class folders"), r.err());
        Path root = folder();
        Files.write(root.resolve("val/dark/corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        Path model = dir.resolve("m.snn4j");
        assertEquals(0, CliTest.run("train", "--data", "folder:" + root, "--image-size", "8", "--model", "w1", "--width", "0.25",
                "--epochs", "1", "--T", "2", "--limit-test", "4", "--no-progress", "--out", model.toString()).code());
        CliTest.Run e = CliTest.run("eval", "--model-file", model.toString(), "--data", "folder:" + root, "--image-size", "8");
        assertNotEquals(0, e.code());
        assertTrue(e.err().contains(root.resolve("val/dark/corrupt.png") + ": cannot decode the image")
                || e.err().contains(root.resolve("val/dark/corrupt.png") + ": not a JPEG or PNG"), e.err());
        assertFalse(e.err().contains("Exception"), e.err());
        CliTest.Run bad = CliTest.run("train", "--data", "folder:" + root, "--image-size", "0");
        assertEquals(2, bad.code(), bad.err());
    }
}
