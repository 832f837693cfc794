package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.data.Dataset;

class CifarReaderTest {
    @TempDir
    Path dir;

    @Test
    void cifar10FilesAreConcatenatedInOrderWithChannelMajorPixels() throws Exception {
        byte[] p1 = DataFiles.pixels(2 * 3072, 1), p2 = DataFiles.pixels(3072, 2);
        Path a = Files.write(dir.resolve("data_batch_1.bin"), DataFiles.cifar(new int[][] {{7}, {0}}, p1));
        Path b = Files.write(dir.resolve("data_batch_2.bin"), DataFiles.cifar(new int[][] {{9}}, p2));
        Dataset d = CifarReader.read("c10", List.of(a, b), CifarReader.Labels.CIFAR10);
        assertEquals(3, d.size());
        assertEquals(10, d.numClasses());
        assertArrayEquals(new int[] {3, 32, 32}, d.sampleShape());
        assertArrayEquals(new int[] {7, 0, 9}, d.labels());
        float[] s = d.sample(2);
        // green channel, row 5, column 6 of the third image is file byte 1 + 1024 + 5*32 + 6 of record 0 of b
        assertEquals((p2[1024 + 5 * 32 + 6] & 0xFF) / 255f, s[1024 + 5 * 32 + 6]);
        for (int j = 0; j < 3072; j++) assertEquals((p1[3072 + j] & 0xFF) / 255f, d.sample(1)[j]);
    }

    @Test
    void cifar100ChoosesFineOrCoarse() throws Exception {
        Path f = Files.write(dir.resolve("train.bin"),
                DataFiles.cifar(new int[][] {{19, 99}, {3, 42}}, DataFiles.pixels(2 * 3072, 3)));
        Dataset fine = CifarReader.read("f", List.of(f), CifarReader.Labels.FINE);
        Dataset coarse = CifarReader.read("c", List.of(f), CifarReader.Labels.COARSE);
        assertArrayEquals(new int[] {99, 42}, fine.labels());
        assertEquals(100, fine.numClasses());
        assertArrayEquals(new int[] {19, 3}, coarse.labels());
        assertEquals(20, coarse.numClasses());
        assertArrayEquals(fine.sample(1), coarse.sample(1));
    }

    @Test
    void malformedFilesGiveOneLineErrors() throws Exception {
        byte[] good = DataFiles.cifar(new int[][] {{1}, {2}}, DataFiles.pixels(2 * 3072, 4));
        Path cut = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(good, 5000));
        assertEquals(cut + ": truncated after 5000 of 6146 bytes (5000 is not a whole number of 3073-byte records)",
                assertThrows(DataFormatException.class,
                        () -> CifarReader.read("x", List.of(cut), CifarReader.Labels.CIFAR10)).getMessage());
        Path bad = Files.write(dir.resolve("bad.bin"), DataFiles.cifar(new int[][] {{1}, {10}}, DataFiles.pixels(2 * 3072, 4)));
        assertEquals(bad + ": label 10 of record 1 out of range [0, 10)", assertThrows(DataFormatException.class,
                () -> CifarReader.read("x", List.of(bad), CifarReader.Labels.CIFAR10)).getMessage());
        Path badFine = Files.write(dir.resolve("test.bin"), DataFiles.cifar(new int[][] {{1, 100}}, DataFiles.pixels(3072, 4)));
        assertEquals(badFine + ": fine label 100 of record 0 out of range [0, 100)", assertThrows(DataFormatException.class,
                () -> CifarReader.read("x", List.of(badFine), CifarReader.Labels.COARSE)).getMessage());
        Path missing = dir.resolve("data_batch_9.bin");
        assertEquals(missing + ": file not found", assertThrows(DataFormatException.class,
                () -> CifarReader.read("x", List.of(missing), CifarReader.Labels.CIFAR10)).getMessage());
    }
}
