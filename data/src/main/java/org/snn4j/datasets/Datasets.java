package org.snn4j.datasets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;

/**
 * The data sets snn4j knows by name, and where their files live.
 *
 * <ul>
 *   <li>{@code mnist-10k}: 10,000 real MNIST digits bundled in the jar (7,996 train / 2,004 test), the
 *       default; verified against their SHA-256 on every load.
 *   <li>{@code mnist}, {@code fashion-mnist}: the four IDX files (raw or {@code .gz}) in the data
 *       directory; Fashion-MNIST defaults to {@value #FASHION_MNIST_DIR}.
 *   <li>{@code cifar10}, {@code cifar100} (fine labels), {@code cifar100-coarse}: the binary version,
 *       in the data directory or its {@code cifar-10-batches-bin}/{@code cifar-100-binary} folder.
 *   <li>{@code svhn}: {@code train_32x32.mat} / {@code test_32x32.mat} in the data directory.
 * </ul>
 */
public final class Datasets {
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final String FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

    /** Published SHA-256 of the bundled MNIST-10k files (see the README for their source). */
    public static final Map<String, String> BUNDLED_SHA256 = Map.of(
            "train-images-idx3-ubyte.gz", "ec8600a708aefa5be789091c496b3ed6c70f4154ad6c2fbe8de085649f021529",
            "train-labels-idx1-ubyte.gz", "9948da29bfe2841c95c887944136c8b36656cacb73472fbe4838d4f19562cd37",
            "t10k-images-idx3-ubyte.gz", "b6d96b710ff095343295e75672e9be3db04cedbba8c8e0afe86f007988ba509c",
            "t10k-labels-idx1-ubyte.gz", "0905cd79cfcfc753f7c75c9d655919f72a4b0d86437331fc8c0449f086e7307a");

    private static final List<String> NAMES =
            List.of("mnist-10k", "mnist", "fashion-mnist", "cifar10", "cifar100", "cifar100-coarse", "svhn");

    private Datasets() {}

    /**
     * What a named set holds, known without reading it: the shape of a sample and the number of classes.
     * The CLI checks flags against it before any data is read (e.g. a crop larger than the image).
     */
    public record Layout(int[] sampleShape, int classes) {}

    /**
     * The layout of a named set: {@code [1, 28, 28]} and 10 classes for the MNIST family (the IDX format
     * records the image size too, and {@code mnist} files of another size load as such), {@code [3, 32,
     * 32]} for CIFAR (10, 100 or 20 classes) and SVHN (10).
     *
     * @throws Snn4jException for an unknown name, listing the valid ones
     */
    public static Layout layout(String name) {
        return switch (name) {
            case "mnist-10k", "mnist", "fashion-mnist" -> new Layout(new int[] {1, 28, 28}, 10);
            case "cifar10", "svhn" -> new Layout(new int[] {3, 32, 32}, 10);
            case "cifar100" -> new Layout(new int[] {3, 32, 32}, 100);
            case "cifar100-coarse" -> new Layout(new int[] {3, 32, 32}, 20);
            default -> throw unknown(name);
        };
    }

    /** The valid data set names. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Loads a data set's training or test split.
     *
     * @param name one of {@link #names()}
     * @param dataDir the directory holding the files; null for the default (bundled for {@code
     *     mnist-10k}, {@value #FASHION_MNIST_DIR} for {@code fashion-mnist}; required otherwise)
     * @throws Snn4jException for an unknown name (listing the valid ones), a missing directory or file
     *     (naming the path and the fix), a malformed file ({@link DataFormatException}) or a split without
     *     samples ({@link Dataset#requireSamples})
     */
    public static Dataset load(String name, Path dataDir, boolean train) {
        return load(name, dataDir, train, 0);
    }

    /**
     * As {@link #load(String, Path, boolean)}, the first {@code limit} samples only (all for 0): {@link
     * Dataset#subset} of the split, same name and samples; the IDX sets (MNIST, Fashion-MNIST) never hold the
     * rest (their files are still read and checked whole).
     */
    public static Dataset load(String name, Path dataDir, boolean train, int limit) {
        Dataset d = read(name, dataDir, train, limit).requireSamples();
        return limit > 0 && limit < d.size() ? d.subset(limit) : d;
    }

    private static Dataset read(String name, Path dataDir, boolean train, int limit) {
        String split = train ? "train" : "test";
        String id = name + "-" + split;
        return switch (name) {
            case "mnist-10k" -> loadBundled(train);
            case "mnist" -> idx(id, requireDir(name, dataDir, "the MNIST IDX files"), train, "", limit);
            case "fashion-mnist" -> idx(id, dataDir != null ? dataDir : Path.of(FASHION_MNIST_DIR), train,
                    dataDir != null ? "" : "; install it with `apt-get install dataset-fashion-mnist` or pass --data-dir", limit);
            case "cifar10" -> {
                Path dir = subdir(requireDir(name, dataDir, "the CIFAR-10 binary files"), "cifar-10-batches-bin");
                List<Path> files = new ArrayList<>();
                if (train) for (int i = 1; i <= 5; i++) files.add(dir.resolve("data_batch_" + i + ".bin"));
                else files.add(dir.resolve("test_batch.bin"));
                yield CifarReader.read(id, existing(files), CifarReader.Labels.CIFAR10);
            }
            case "cifar100", "cifar100-coarse" -> {
                Path dir = subdir(requireDir(name, dataDir, "the CIFAR-100 binary files"), "cifar-100-binary");
                yield CifarReader.read(id, existing(List.of(dir.resolve(split + ".bin"))),
                        name.equals("cifar100") ? CifarReader.Labels.FINE : CifarReader.Labels.COARSE);
            }
            case "svhn" -> {
                Path f = requireDir(name, dataDir, "train_32x32.mat and test_32x32.mat").resolve(split + "_32x32.mat");
                yield SvhnReader.read(id, existing(List.of(f)).getFirst());
            }
            default -> throw unknown(name);
        };
    }

    private static Snn4jException unknown(String name) {
        return new Snn4jException("unknown data set '" + name + "'; valid names: " + String.join(", ", NAMES));
    }

    /** The bundled MNIST-10k split, read from the classpath and checked against {@link #BUNDLED_SHA256}. */
    public static Dataset loadBundled(boolean train) {
        String prefix = train ? "train" : "t10k";
        String images = prefix + "-images-idx3-ubyte.gz";
        String labels = prefix + "-labels-idx1-ubyte.gz";
        byte[] im = bundledBytes(images);
        byte[] lb = bundledBytes(labels);
        return IdxReader.read("mnist-10k-" + (train ? "train" : "test"), new ByteArrayInputStream(im), images,
                new ByteArrayInputStream(lb), labels, 10);
    }

    /**
     * Verifies every bundled file against its published SHA-256.
     *
     * @throws DataFormatException naming the first file that is missing or differs
     */
    public static void verifyBundled() {
        for (String f : BUNDLED_SHA256.keySet()) bundledBytes(f);
    }

    /** Reads a bundled resource and checks its hash. */
    private static byte[] bundledBytes(String file) {
        String resource = "mnist-10k/" + file;
        byte[] bytes;
        try (InputStream in = Datasets.class.getResourceAsStream(resource)) {
            if (in == null) throw new DataFormatException(resource, "bundled resource missing from the classpath");
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new DataFormatException(resource, "read failed: " + e.getMessage(), e);
        }
        Checksums.verify(bytes, BUNDLED_SHA256.get(file), resource);
        return bytes;
    }

    private static Dataset idx(String id, Path dir, boolean train, String fix, int limit) {
        String prefix = train ? "train" : "t10k";
        Path images = idxFile(dir, prefix + "-images-idx3-ubyte", fix);
        Path labels = idxFile(dir, prefix + "-labels-idx1-ubyte", fix);
        return IdxReader.read(id, images, labels, 10, limit);
    }

    /** {@code base.gz} if present, else {@code base}; an error naming {@code base.gz} if neither is. */
    private static Path idxFile(Path dir, String base, String fix) {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) return gz;
        Path raw = dir.resolve(base);
        if (Files.isRegularFile(raw)) return raw;
        throw new DataFormatException(gz.toString(), "file not found (nor " + raw.getFileName() + ")" + fix);
    }

    private static Path requireDir(String name, Path dataDir, String what) {
        if (dataDir == null) {
            throw new Snn4jException("data set '" + name + "' needs --data-dir: a directory holding " + what);
        }
        if (!Files.isDirectory(dataDir)) throw new DataFormatException(dataDir.toString(), "data directory not found");
        return dataDir;
    }

    private static Path subdir(Path dir, String sub) {
        Path s = dir.resolve(sub);
        return Files.isDirectory(s) ? s : dir;
    }

    private static List<Path> existing(List<Path> files) {
        for (Path p : files) {
            if (!Files.isRegularFile(p)) throw new DataFormatException(p.toString(), "file not found");
        }
        return files;
    }
}
