package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;
import org.snn4j.tensor.Tensor;

class ImageFolderTest {
    private static final int RED = 0xFF0000;
    private static final int BLUE = 0x0000FF;

    @TempDir
    Path dir;

    @Test
    void imageNetLayoutReadsTrainAndValByClassFolders() {
        ImageFolders.solid(dir.resolve("train/cat/a.png"), 40, 30, RED);
        ImageFolders.solid(dir.resolve("train/cat/b.JPEG"), 50, 60, RED);
        ImageFolders.solid(dir.resolve("train/dog/c.png"), 33, 33, BLUE);
        ImageFolders.solid(dir.resolve("val/cat/d.png"), 20, 20, RED);
        ImageFolders.solid(dir.resolve("val/dog/e.jpg"), 20, 20, BLUE);
        Dataset train = ImageFolder.load(dir, true, 8);
        assertTrue(train.isStreaming());
        assertArrayEquals(new int[] {0, 0, 1}, train.labels());
        assertArrayEquals(new int[] {3, 8, 8}, train.sampleShape());
        assertEquals(2, train.numClasses());
        assertEquals(new Datasets.Layout(new int[] {3, 8, 8}, 2).classes(), ImageFolder.layout(dir, 8).classes());
        float[] png = train.sample(0);
        for (int j = 0; j < 64; j++) {
            assertEquals(1f, png[j]);          // red, exact from PNG
            assertEquals(0f, png[64 + j]);
            assertEquals(0f, png[128 + j]);
        }
        float[] jpeg = train.sample(1);
        for (int j = 0; j < 64; j++) assertEquals(1f, jpeg[j], 0.05f);
        assertEquals(1f, train.sample(2)[128]);
        Dataset test = ImageFolder.load(dir, false, 8);
        assertArrayEquals(new int[] {0, 1}, test.labels());
        assertEquals(1f, test.sample(1)[128 + 5], 0.05f);
    }

    @Test
    void classFoldersWithoutSplitHoldOutEveryTenthImage() {
        for (int k = 0; k < 12; k++) {
            ImageFolders.solid(dir.resolve("a/" + k + ".png"), 5, 5, RED);
            ImageFolders.solid(dir.resolve("b/" + k + ".png"), 5, 5, BLUE);
        }
        Dataset train = ImageFolder.load(dir, true, 4);
        Dataset test = ImageFolder.load(dir, false, 4);
        assertEquals(22, train.size());
        assertArrayEquals(new int[] {0, 1}, test.labels());  // the 10th file of each class in sorted order
        assertArrayEquals(new int[] {11, 11}, train.classCounts());
    }

    @Test
    void testCropIsTheCentreOfTheResizedShorterSide() {
        var img = new java.awt.image.BufferedImage(20, 10, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) for (int x = 0; x < 20; x++) img.setRGB(x, y, x < 10 ? RED : BLUE);
        ImageFolders.write(dir.resolve("train/x/a.png"), img);
        ImageFolders.write(dir.resolve("test/x/a.png"), img);
        ImageFolders.solid(dir.resolve("train/y/b.png"), 4, 4, RED);
        float[] s = ImageFolder.load(dir, false, 7).sample(0);
        float[] t = ImageFolder.load(dir, true, 7).sample(0);    // no seed: the same centre crop
        assertArrayEquals(s, t);
        assertEquals(1f, s[0]);                  // left column red
        assertEquals(1f, s[2 * 49 + 6]);         // right column blue
        assertEquals(0f, s[6]);
    }

    @Test
    void trainingCropsAndFlipsFollowTheSeedOnly() {
        ImageFolders.noise(dir.resolve("train/x/a.png"), 64, 48, 1);
        ImageFolders.noise(dir.resolve("train/y/b.png"), 64, 48, 2);
        Dataset d = ImageFolder.load(dir, true, 16);
        int[] idx = {0, 1, 0};
        Tensor a = Tensor.zeros(3, 3, 16, 16);
        Tensor b = Tensor.zeros(3, 3, 16, 16);
        Tensor c = Tensor.zeros(3, 3, 16, 16);
        d.copyBatch(idx, 0, 3, a, null, 42);
        d.copyBatch(idx, 0, 3, b, null, 42);
        d.copyBatch(idx, 0, 3, c, null, 43);
        assertArrayEquals(a.data(), b.data());
        assertFalse(Arrays.equals(a.data(), c.data()));
        float[] first = Arrays.copyOfRange(a.data(), 0, 768);
        float[] third = Arrays.copyOfRange(a.data(), 1536, 2304);
        assertFalse(Arrays.equals(first, third), "each sample of a batch draws its own crop");
        try (DataLoader one = DataLoader.over(d).batchSize(2).seed(7).prefetch(0).build();
             DataLoader two = DataLoader.over(d).batchSize(2).seed(7).prefetch(1).build()) {
            for (DataLoader.Batch x : one.epoch(3)) {
                assertArrayEquals(x.images().data(), two.epoch(3).next().images().data());
            }
        }
    }

    @Test
    void everyDecodedImageTypeGivesItsStoredValues() {
        int[] types = {java.awt.image.BufferedImage.TYPE_BYTE_GRAY, java.awt.image.BufferedImage.TYPE_USHORT_GRAY,
                java.awt.image.BufferedImage.TYPE_INT_ARGB, java.awt.image.BufferedImage.TYPE_BYTE_INDEXED,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR};
        for (int k = 0; k < types.length; k++) {
            var img = new java.awt.image.BufferedImage(6, 6, types[k]);
            boolean grey = k < 2;
            var g = img.getRaster();
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 6; x++) {
                    if (k == 0) g.setSample(x, y, 0, 128);
                    else if (k == 1) g.setSample(x, y, 0, 128 * 257);
                    else img.setRGB(x, y, 0xFF336699);
                }
            }
            ImageFolders.write(dir.resolve("t" + k + "/train/a/x.png"), img);
            ImageFolders.solid(dir.resolve("t" + k + "/train/b/y.png"), 2, 2, RED);
            ImageFolders.write(dir.resolve("t" + k + "/val/a/x.png"), img);
            float[] s = ImageFolder.load(dir.resolve("t" + k), false, 4).sample(0);
            float[] want = grey ? new float[] {128, 128, 128} : new float[] {0x33, 0x66, 0x99};
            for (int c = 0; c < 3; c++) for (int j = 0; j < 16; j++) assertEquals(want[c] / 255f, s[c * 16 + j], 1e-6f, "type " + types[k]);
        }
    }

    @Test
    void aFourChannelCmykJpegDecodes() throws IOException {
        var raster = java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 8, 8, 4, null);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) for (int b = 0; b < 4; b++) raster.setSample(x, y, b, 40 * b);
        var writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        Path file = dir.resolve("train/a/cmyk.jpg");
        Files.createDirectories(file.getParent());
        try (var out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(raster, null, null), null);
        }
        ImageFolders.solid(dir.resolve("train/b/x.png"), 4, 4, RED);
        float[] s = ImageFolder.load(dir, true, 4).sample(0);
        assertEquals(48, s.length);
        for (float v : s) assertTrue(v >= 0 && v <= 1, "value " + v);
    }

    @Test
    void aboutHalfTheTrainingCropsAreFlipped() {
        var img = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) for (int x = 0; x < 40; x++) img.setRGB(x, y, (x * 6) << 16);  // red grows with x
        int flipped = 0;
        float[] out = new float[3 * 8 * 8];
        for (int seed = 1; seed <= 200; seed++) {
            ImageCrop.randomResized(img, 8, new org.snn4j.tensor.Rng(seed), out, 0);
            for (int c = 1; c < 3; c++) for (int j = 0; j < 64; j++) assertEquals(0f, out[c * 64 + j]);
            assertTrue(out[0] != out[7], "a crop spans more than one source column");
            if (out[0] > out[7]) flipped++;
        }
        assertTrue(flipped > 70 && flipped < 130, flipped + " of 200 flipped");
    }

    @Test
    void strictErrorsNameTheFileOrFolder() throws IOException {
        DataFormatException none = assertThrows(DataFormatException.class, () -> ImageFolder.load(dir, true, 8));
        assertTrue(none.getMessage().startsWith(dir + ": no class folders"), none.getMessage());
        ImageFolders.solid(dir.resolve("a/x.png"), 5, 5, RED);
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/readme.txt"), "not an image");
        DataFormatException empty = assertThrows(DataFormatException.class, () -> ImageFolder.load(dir, true, 8));
        assertEquals(dir.resolve("b") + ": empty class folder (no .jpg, .jpeg or .png files)", empty.getMessage());
        Files.write(dir.resolve("b/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Dataset d = ImageFolder.load(dir, true, 8);
        DataFormatException broken = assertThrows(DataFormatException.class, () -> d.sample(1));
        assertTrue(broken.getMessage().startsWith(dir.resolve("b/broken.png") + ": "), broken.getMessage());
        assertFalse(broken.getMessage().contains("\n"));
        Files.write(dir.resolve("b/broken.png"), new byte[0]);
        assertThrows(DataFormatException.class, () -> d.sample(1));
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(3, 3, 1), "bmp", dir.resolve("b/broken.png").toFile());
        assertEquals(dir.resolve("b/broken.png") + ": a bmp image; expected JPEG or PNG",
                assertThrows(DataFormatException.class, () -> d.sample(1)).getMessage());
        Files.delete(dir.resolve("b/broken.png"));
        assertTrue(assertThrows(DataFormatException.class, () -> d.sample(1)).getMessage()
                .startsWith(dir.resolve("b/broken.png") + ": cannot read: "));
        assertThrows(DataFormatException.class, () -> ImageFolder.load(dir.resolve("missing"), true, 8));
        ImageFolders.solid(dir.resolve("train/a/x.png"), 5, 5, RED);
        ImageFolders.solid(dir.resolve("val/zebra/y.png"), 5, 5, RED);
        DataFormatException unknown = assertThrows(DataFormatException.class, () -> ImageFolder.load(dir, false, 8));
        assertTrue(unknown.getMessage().contains("zebra: class folder not in the training split"), unknown.getMessage());
    }
}
