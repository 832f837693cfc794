package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;

class DatasetsTest {
    @TempDir
    Path dir;

    @Test
    void bundledFilesMatchTheirPublishedHashes() throws IOException {
        for (var e : Datasets.BUNDLED_SHA256.entrySet()) {
            try (InputStream in = Datasets.class.getResourceAsStream("mnist-10k/" + e.getKey())) {
                assertEquals(e.getValue(), Checksums.sha256(in.readAllBytes()), e.getKey());
            }
        }
        Datasets.verifyBundled();
    }

    @Test
    void checksumMismatchNamesFileAndBothHashes() {
        String m = assertThrows(DataFormatException.class,
                () -> Checksums.verify(new byte[] {1}, "00", "f.gz")).getMessage();
        assertEquals("f.gz: SHA-256 expected 00, was " + Checksums.sha256(new byte[] {1}), m);
        // the SHA-256 of "abc" (FIPS 180-2 example)
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Checksums.sha256("abc".getBytes()));
    }

    @Test
    void bundledMnist10kLoads() {
        Dataset train = Datasets.load("mnist-10k", null, true);
        Dataset test = Datasets.load("mnist-10k", null, false);
        assertEquals(7996, train.size());
        assertEquals(2004, test.size());
        assertArrayEquals(new int[] {1, 28, 28}, train.sampleShape());
        assertEquals("mnist-10k-train", train.name());
        for (int c : train.classCounts()) assertTrue(c > 600 && c < 1000, "per-class count " + c);
        // real digits: dark background, some bright strokes, mean near MNIST's 0.13
        double mean = train.channelMeanStd()[0][0];
        assertTrue(mean > 0.1 && mean < 0.16, "mean " + mean);
    }

    @Test
    void unknownNameListsTheValidOnes() {
        String m = assertThrows(Snn4jException.class, () -> Datasets.load("imagenet", null, true)).getMessage();
        assertEquals("unknown data set 'imagenet'; valid names: mnist-10k, mnist, fashion-mnist, cifar10, cifar100, "
                + "cifar100-coarse, svhn", m);
    }

    @Test
    void missingFilesAndDirectoriesAreNamed() {
        assertTrue(assertThrows(Snn4jException.class, () -> Datasets.load("mnist", null, true))
                .getMessage().startsWith("data set 'mnist' needs --data-dir"));
        assertEquals(dir.resolve("train-images-idx3-ubyte.gz") + ": file not found (nor train-images-idx3-ubyte)",
                assertThrows(DataFormatException.class, () -> Datasets.load("fashion-mnist", dir, true)).getMessage());
        assertEquals(dir.resolve("test_batch.bin") + ": file not found",
                assertThrows(DataFormatException.class, () -> Datasets.load("cifar10", dir, false)).getMessage());
        Path nowhere = dir.resolve("nowhere");
        assertEquals(nowhere + ": data directory not found",
                assertThrows(DataFormatException.class, () -> Datasets.load("svhn", nowhere, false)).getMessage());
    }

    @Test
    void fashionMnistDefaultDirectoryTellsTheFixWhenAbsent() {
        assumeTrue(!Files.isDirectory(Path.of(Datasets.FASHION_MNIST_DIR)), "Fashion-MNIST is installed here");
        String m = assertThrows(DataFormatException.class, () -> Datasets.load("fashion-mnist", null, true)).getMessage();
        assertTrue(m.endsWith("install it with `apt-get install dataset-fashion-mnist` or pass --data-dir"), m);
    }

    @Test
    void fashionMnistLoadsFromTheDebianPackage() {
        assumeTrue(Files.isDirectory(Path.of(Datasets.FASHION_MNIST_DIR)), "dataset-fashion-mnist not installed");
        Dataset train = Datasets.load("fashion-mnist", null, true);
        Dataset test = Datasets.load("fashion-mnist", null, false);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertArrayEquals(new int[] {1, 28, 28}, train.sampleShape());
        for (int c : train.classCounts()) assertEquals(6000, c);
        for (int c : test.classCounts()) assertEquals(1000, c);
    }

    @Test
    void mnistCifarAndSvhnLoadFromADataDirectory() throws IOException {
        int[] labels = {1, 2, 3};
        byte[] px = DataFiles.pixels(3 * 784, 6);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), DataFiles.idxImages(px, 3, 28, 28));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), DataFiles.gzip(DataFiles.idxLabels(labels)));
        Dataset mnist = Datasets.load("mnist", dir, false);
        assertArrayEquals(labels, mnist.labels());
        assertEquals("mnist-test", mnist.name());

        Path c10 = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (int i = 1; i <= 5; i++) {
            Files.write(c10.resolve("data_batch_" + i + ".bin"), DataFiles.cifar(new int[][] {{i}}, DataFiles.pixels(3072, i)));
        }
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, Datasets.load("cifar10", dir, true).labels());

        Path c100 = Files.createDirectories(dir.resolve("cifar-100-binary"));
        Files.write(c100.resolve("test.bin"), DataFiles.cifar(new int[][] {{4, 44}}, DataFiles.pixels(3072, 7)));
        assertArrayEquals(new int[] {44}, Datasets.load("cifar100", dir, false).labels());
        assertArrayEquals(new int[] {4}, Datasets.load("cifar100-coarse", dir, false).labels());

        DataFiles.Mat m = new DataFiles.Mat(ByteOrder.LITTLE_ENDIAN);
        m.matrix("X", 9, new int[] {32, 32, 3, 1}, 2, DataFiles.pixels(3072, 8)).matrix("y", 6, new int[] {1, 1}, 9, m.doubles(4));
        Files.write(dir.resolve("train_32x32.mat"), m.bytes());
        Dataset svhn = Datasets.load("svhn", dir, true);
        assertArrayEquals(new int[] {4}, svhn.labels());
        assertEquals("svhn-train", svhn.name());
    }

    @Test
    void aSplitWithoutSamplesIsAnErrorNamingTheSet() throws IOException {
        for (var e : DataFiles.smallMnist(0).entrySet()) Files.write(dir.resolve(e.getKey()), e.getValue());
        assertEquals("mnist-train: the data set holds no samples",
                assertThrows(Snn4jException.class, () -> Datasets.load("mnist", dir, true)).getMessage());
    }

    @Test
    void theDeclaredLayoutIsWhatTheReaderMakes() {
        Dataset d = Datasets.loadBundled(false);
        Datasets.Layout l = Datasets.layout("mnist-10k");
        assertArrayEquals(d.sampleShape(), l.sampleShape());
        assertEquals(d.numClasses(), l.classes());
        assertArrayEquals(new int[] {3, 32, 32}, Datasets.layout("cifar100-coarse").sampleShape());
        assertEquals(20, Datasets.layout("cifar100-coarse").classes());
        assertEquals("unknown data set 'x'; valid names: mnist-10k, mnist, fashion-mnist, cifar10, cifar100, cifar100-coarse, svhn",
                assertThrows(Snn4jException.class, () -> Datasets.layout("x")).getMessage());
    }
}
