package org.snn4j.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.snn4j.events.EventDataset;
import org.snn4j.events.Events;

/**
 * The event data sets found on disk in their publishers' folder layouts, each opened as an {@link
 * EventDataset} (never downloaded). {@code dataDir} is the folder the archives were extracted into:
 *
 * <ul>
 *   <li>{@code nmnist}: {@code Train/<digit>/*.bin} and {@code Test/<digit>/*.bin} (N-MNIST's {@code
 *       Train.zip} and {@code Test.zip}), 34 × 34, 10 classes.
 *   <li>{@code ncaltech101}: {@code <class>/*.bin} (or under {@code Caltech101/}), 240 × 180, one class per
 *       folder in name order (101 folders, {@code BACKGROUND_Google} among them). No split is published:
 *       as SpikingJelly's {@code split_to_train_test_set(0.9, …, random_split=False)}, the first 90 % of
 *       each class's files (in name order) are the training split, the rest the test split.
 *   <li>{@code dvs-gesture}: {@code DvsGesture/} (or the folder itself) with {@code trials_to_train.txt}
 *       and {@code trials_to_test.txt}, each naming {@code userXX_lighting.aedat} recordings whose {@code
 *       _labels.csv} cut them into windows (see {@link GestureDataset}), 128 × 128, 11 classes.
 *   <li>{@code cifar10-dvs}: {@code <class>/*.aedat} (AEDAT 2.0, read with {@link Aedat2Address#CIFAR10_DVS})
 *       or {@code *.aedat4} (the converted release Tonic reads) for the ten CIFAR-10 classes ({@code
 *       airplane} … {@code truck}), 128 × 128, split 90/10 per class as N-Caltech101.
 *   <li>{@code shd}: {@code shd_train.h5} / {@code shd_test.h5}; {@code ssc}: {@code ssc_train.h5} / {@code
 *       ssc_test.h5} (the validation file {@code ssc_valid.h5} is not used) — decompressed from the published
 *       {@code .h5.gz}.
 * </ul>
 *
 * <p>Checksums: none of these publishers gives SHA-256 sums (N-MNIST, N-Caltech101 and DVS Gesture publish
 * none; SHD/SSC and Tonic give MD5 sums of the compressed archives, which are not what is read). So a
 * data directory may carry its own {@value #SUMS} file in {@code sha256sum} format (lines {@code <hex>
 * <path relative to the directory>}); when present, every file it lists is verified when the set is opened.
 */
public final class EventDataLayouts {
    /** The optional checksum file of a data directory. */
    public static final String SUMS = "SHA256SUMS";
    private static final List<String> NAMES = List.of("nmnist", "ncaltech101", "dvs-gesture", "cifar10-dvs", "shd", "ssc");
    private static final List<String> CIFAR10_CLASSES =
            List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
    private static final double TRAIN_FRACTION = 0.9;
    /** Side of the DVS128 sensor (DVS Gesture, CIFAR10-DVS). */
    static final int DVS128_SIDE = 128;

    private EventDataLayouts() {}

    /** The names {@link #open} knows. */
    public static List<String> names() {
        return NAMES;
    }

    /** Sensor size (audio: units × 1) and classes of a named set, known without reading it; next to {@link #open}, which reads it. */
    static EventDatasets.Layout layout(String name) {
        return switch (name) {
            case "nmnist" -> new EventDatasets.Layout(NmnistReader.NMNIST_SIDE, NmnistReader.NMNIST_SIDE, 10);
            case "ncaltech101" -> new EventDatasets.Layout(NmnistReader.NCALTECH101_WIDTH, NmnistReader.NCALTECH101_HEIGHT, 101);
            case "dvs-gesture" -> new EventDatasets.Layout(DVS128_SIDE, DVS128_SIDE, GestureLabels.CLASSES);
            case "cifar10-dvs" -> new EventDatasets.Layout(DVS128_SIDE, DVS128_SIDE, CIFAR10_CLASSES.size());
            case "shd" -> new EventDatasets.Layout(SpikeAudioReader.UNITS, 1, SpikeAudioReader.SHD_CLASSES);
            case "ssc" -> new EventDatasets.Layout(SpikeAudioReader.UNITS, 1, SpikeAudioReader.SSC_CLASSES);
            default -> throw new IllegalArgumentException("unknown event data set '" + name + "' (expected one of "
                    + String.join(", ", NAMES) + ")");
        };
    }

    /**
     * Opens the training or test split of a named event data set found in {@code dataDir}.
     *
     * @throws DataFormatException naming what is missing (a folder or file of the layout) or malformed
     * @throws IllegalArgumentException for an unknown name (listing the valid ones)
     */
    public static EventDataset open(String name, Path dataDir, boolean train) {
        if (!Files.isDirectory(dataDir)) throw new DataFormatException(dataDir.toString(), "data directory not found");
        verifySums(dataDir);
        String split = train ? "train" : "test";
        return switch (name) {
            case "nmnist" -> nmnist(dataDir, train);
            case "ncaltech101" -> perClassSplit(name + "-" + split, firstExisting(dataDir, "Caltech101"), null, train,
                    NmnistReader.NCALTECH101_WIDTH, NmnistReader.NCALTECH101_HEIGHT, ".bin",
                    f -> NmnistReader.read(f, NmnistReader.NCALTECH101_WIDTH, NmnistReader.NCALTECH101_HEIGHT));
            case "cifar10-dvs" -> perClassSplit(name + "-" + split, dataDir, CIFAR10_CLASSES, train, DVS128_SIDE, DVS128_SIDE, ".aedat",
                    EventDataLayouts::cifar10Dvs);
            case "dvs-gesture" -> gesture(firstExisting(dataDir, "DvsGesture"), train);
            case "shd" -> SpikeAudioReader.read(required(dataDir.resolve("shd_" + split + ".h5")), "shd-" + split,
                    SpikeAudioReader.SHD_CLASSES);
            case "ssc" -> SpikeAudioReader.read(required(dataDir.resolve("ssc_" + split + ".h5")), "ssc-" + split,
                    SpikeAudioReader.SSC_CLASSES);
            default -> throw new IllegalArgumentException("unknown event data set '" + name + "' (expected one of "
                    + String.join(", ", NAMES) + ")");
        };
    }

    private static EventDataset nmnist(Path dir, boolean train) {
        Path root = firstExisting(dir, "NMNIST");
        Path split = root.resolve(train ? "Train" : "Test");
        if (!Files.isDirectory(split)) {
            throw new DataFormatException(split.toString(), "folder not found (N-MNIST's " + (train ? "Train" : "Test")
                    + ".zip extracted: " + (train ? "Train" : "Test") + "/<digit>/*.bin)");
        }
        List<FileEventDataset.Sample> samples = new ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            Path folder = split.resolve(Integer.toString(digit));
            if (!Files.isDirectory(folder)) throw new DataFormatException(folder.toString(), "folder not found (one per digit 0-9)");
            for (Path f : files(folder, ".bin")) samples.add(new FileEventDataset.Sample(f, digit));
        }
        int side = NmnistReader.NMNIST_SIDE;
        return new FileEventDataset("nmnist-" + (train ? "train" : "test"), samples, 10, side, side,
                f -> NmnistReader.read(f, side, side));
    }

    /**
     * One class per folder ({@code classes} in that order, or every folder in name order when null); the
     * first 90 % of each class's files in name order are the training split.
     */
    private static EventDataset perClassSplit(String name, Path dir, List<String> classes, boolean train, int width, int height,
                                              String extension, java.util.function.Function<Path, Events> decoder) {
        List<String> names = classes != null ? classes : folders(dir);
        if (names.isEmpty()) throw new DataFormatException(dir.toString(), "no class folders found");
        List<FileEventDataset.Sample> samples = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            Path folder = dir.resolve(names.get(c));
            if (!Files.isDirectory(folder)) throw new DataFormatException(folder.toString(), "class folder not found");
            List<Path> files = files(folder, extension);
            if (extension.equals(".aedat")) files = concat(files, files(folder, ".aedat4"));
            int cut = (int) (files.size() * TRAIN_FRACTION);
            for (Path f : train ? files.subList(0, cut) : files.subList(cut, files.size())) {
                samples.add(new FileEventDataset.Sample(f, c));
            }
        }
        return new FileEventDataset(name, samples, names.size(), width, height, decoder);
    }

    private static Events cifar10Dvs(Path f) {
        byte[] data = EventFiles.readAll(f);
        return AedatReader.read(data, f.toString(), DVS128_SIDE, DVS128_SIDE, Aedat2Address.CIFAR10_DVS);
    }

    private static EventDataset gesture(Path dir, boolean train) {
        Path list = required(dir.resolve(train ? "trials_to_train.txt" : "trials_to_test.txt"));
        List<String> trials;
        try {
            trials = Files.readAllLines(list, StandardCharsets.ISO_8859_1).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new DataFormatException(list.toString(), "read failed: " + e.getMessage(), e);
        }
        return new GestureDataset("dvs-gesture-" + (train ? "train" : "test"), dir, trials);
    }

    private static Path firstExisting(Path dir, String sub) {
        Path inner = dir.resolve(sub);
        return Files.isDirectory(inner) ? inner : dir;
    }

    private static Path required(Path file) {
        if (!Files.isRegularFile(file)) {
            String gz = Files.isRegularFile(Path.of(file + ".gz")) ? " (" + file.getFileName() + ".gz is there: gunzip it)" : "";
            throw new DataFormatException(file.toString(), "file not found" + gz);
        }
        return file;
    }

    private static List<String> folders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new DataFormatException(dir.toString(), "cannot list: " + e.getMessage(), e);
        }
    }

    private static List<Path> files(Path dir, String extension) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(extension) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new DataFormatException(dir.toString(), "cannot list: " + e.getMessage(), e);
        }
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(null);
        return all;
    }

    /** Verifies every file {@value #SUMS} lists, when the directory has one. */
    private static void verifySums(Path dir) {
        Path sums = dir.resolve(SUMS);
        if (!Files.isRegularFile(sums)) return;
        List<String> lines;
        try {
            lines = Files.readAllLines(sums, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataFormatException(sums.toString(), "read failed: " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            String[] f = line.split("\\s+\\*?", 2);
            if (f.length != 2 || !f[0].matches("[0-9a-fA-F]{64}")) {
                throw new DataFormatException(sums.toString(), "line " + (i + 1) + ": expected '<64 hex digits>  <file>', was \""
                        + (line.length() > 60 ? line.substring(0, 60) + "..." : line) + "\"");
            }
            Checksums.verify(required(dir.resolve(f[1])), f[0]);
        }
    }
}
