package org.snn4j.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;
import org.snn4j.data.SampleSource;
import org.snn4j.tensor.Rng;

/**
 * A labelled image set stored as a folder of class folders, read as a streaming {@link Dataset}: only
 * the file names and labels are held; each image is decoded ({@link ImageDecoder}: JPEG and PNG),
 * cropped and resized ({@link ImageCrop}) when a batch needs it, so memory does not grow with the data.
 *
 * <p>Layout: when {@code root/train} exists (ImageNet's {@code train/<class>/*.JPEG}), the classes are
 * the sorted names of its subfolders and the test split is {@code root/val}, else {@code root/test},
 * organised by the same class names (a subset of them is fine). Without a test folder, and when
 * {@code root} itself holds the class folders, every tenth image of each class (the 10th, 20th, … in
 * sorted file-name order) is the test split and the rest the training split. Files ending in
 * {@code .jpg}, {@code .jpeg} or {@code .png} (any case) are images; other files and hidden entries are
 * ignored. Samples are {@code [3, size, size]} floats in {@code [0, 1]}; grey images give three equal
 * channels. The training split draws the random-resized-crop and flip from the loader's batch seed;
 * copied without a seed (evaluation, {@link Dataset#sample}) it gives the test-time centre crop.
 */
public final class ImageFolder {
    private ImageFolder() {}

    /** The layout without decoding any image: {@code [3, size, size]} and the number of class folders. */
    public static Datasets.Layout layout(Path root, int size) {
        checkSize(size);
        return new Datasets.Layout(new int[] {3, size, size}, classes(trainDir(root)).size());
    }

    /**
     * The training or test split of the folder at {@code root} with images of {@code size × size}.
     *
     * @throws DataFormatException for a missing folder, no class folders, an empty class folder or a
     *     test class unknown to the training split (each naming the folder)
     */
    public static Dataset load(Path root, boolean train, int size) {
        checkSize(size);
        Path trainDir = trainDir(root);
        List<String> classes = classes(trainDir);
        Path testDir = testDir(root);
        boolean holdOut = testDir == null;
        Path dir = train || holdOut ? trainDir : testDir;
        List<String> found = train || holdOut ? classes : classes(testDir);
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String c : found) {
            int label = classes.indexOf(c);
            if (label < 0) {
                throw new DataFormatException(dir.resolve(c).toString(), "class folder not in the training split " + trainDir);
            }
            List<Path> images = images(dir.resolve(c));
            for (int k = 0; k < images.size(); k++) {
                if (holdOut && (k % 10 == 9) == train) continue;
                files.add(images.get(k));
                labels.add(label);
            }
        }
        String name = "folder:" + root + "-" + (train ? "train" : "test");
        int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
        return Dataset.ofSource(name, new Source(files.toArray(Path[]::new), train, size), l, classes.size(), 3, size, size);
    }

    /** Decodes, crops and resizes one file per sample. */
    private record Source(Path[] files, boolean train, int size) implements SampleSource {
        @Override
        public void read(int index, float[] dst, int offset, long seed) {
            var img = ImageDecoder.read(files[index]);
            if (train && seed != 0) ImageCrop.randomResized(img, size, new Rng(seed), dst, offset);
            else ImageCrop.centre(img, size, dst, offset);
        }
    }

    private static void checkSize(int size) {
        if (size < 1 || size > 4096) throw new Snn4jException("image size " + size + " outside [1, 4096]");
    }

    private static Path trainDir(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DataFormatException(root.toString(), "no such folder (expected class folders, or train/ and val/)");
        }
        Path t = root.resolve("train");
        return Files.isDirectory(t) ? t : root;
    }

    private static Path testDir(Path root) {
        if (!Files.isDirectory(root.resolve("train"))) return null;
        for (String s : List.of("val", "test")) if (Files.isDirectory(root.resolve(s))) return root.resolve(s);
        return null;
    }

    /** The sorted names of the visible subfolders; at least one. */
    private static List<String> classes(Path dir) {
        List<String> names = list(dir).filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        if (names.isEmpty()) {
            throw new DataFormatException(dir.toString(), "no class folders (expected <class>/ folders of JPEG or PNG images)");
        }
        return names;
    }

    /** The sorted image files of a class folder; at least one. */
    private static List<Path> images(Path classDir) {
        List<Path> files = list(classDir).filter(p -> isImage(p) && Files.isRegularFile(p)).sorted().toList();
        if (files.isEmpty()) {
            throw new DataFormatException(classDir.toString(), "empty class folder (no .jpg, .jpeg or .png files)");
        }
        return files;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).toList().stream();
        } catch (IOException e) {
            throw new DataFormatException(dir.toString(), "cannot list the folder: " + e);
        }
    }
}
