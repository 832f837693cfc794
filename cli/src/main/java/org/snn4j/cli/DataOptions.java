package org.snn4j.cli;

import java.nio.file.Path;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.datasets.ImageFolder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which data set to use, and optional size limits for quick runs. The set's name and the limits are
 * checked as the flags are parsed (bad usage, exit code 2), before any command reads data.
 */
final class DataOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private String data;
    private Integer limitTrain;
    private Integer limitTest;
    private int imageSize = 224;

    @Option(names = "--data", defaultValue = "mnist-10k",
            description = "mnist-10k (bundled), mnist, fashion-mnist, cifar10, cifar100, svhn, or folder:PATH (class folders "
                    + "of JPEG/PNG images, ImageNet's train/ and val/ layout too; see --image-size) (default: ${DEFAULT-VALUE}).")
    void data(String name) {
        if (folder(name) != null) {
            if (name.equals("folder:")) {
                throw new ParameterException(spec.commandLine(), "--data folder: needs a path, e.g. folder:/data/imagenet");
            }
            data = name;
            return;
        }
        try {
            Datasets.layout(name);
        } catch (Snn4jException e) {
            throw new ParameterException(spec.commandLine(), "--data: " + e.getMessage());
        }
        data = name;
    }

    @Option(names = "--limit-train", paramLabel = "N", description = "Use only the first N training samples.")
    void limitTrain(int n) {
        limitTrain = atLeastOne("--limit-train", n);
    }

    @Option(names = "--limit-test", paramLabel = "N", description = "Use only the first N test samples.")
    void limitTest(int n) {
        limitTest = atLeastOne("--limit-test", n);
    }

    @Option(names = "--image-size", paramLabel = "N", description = "With --data folder:PATH: images are cropped and "
            + "resized to N x N (default: 224).")
    void imageSize(int n) {
        if (n < 1 || n > 4096) throw new ParameterException(spec.commandLine(), "--image-size must be in [1, 4096], was " + n);
        imageSize = n;
    }

    /** The folder of {@code folder:PATH}, or null for a named set. */
    private static Path folder(String name) {
        return name.startsWith("folder:") ? Path.of(name.substring("folder:".length())) : null;
    }

    private int atLeastOne(String flag, int n) {
        if (n < 1) throw new ParameterException(spec.commandLine(), flag + " must be >= 1, was " + n);
        return n;
    }

    /** The set's name, as {@code --data} gave it. */
    String name() {
        return data;
    }

    /** The sample shape and class count of the set, known from its name without reading it. */
    Datasets.Layout layout() {
        Path folder = folder(data);
        return folder != null ? ImageFolder.layout(folder, imageSize) : Datasets.layout(data);
    }

    /**
     * The training or test split, cut to its limit.
     *
     * @throws Snn4jException when the files are missing or malformed, or the split holds no samples
     */
    Dataset load(Path dataDir, boolean train) {
        Path folder = folder(data);
        Dataset d = folder != null ? ImageFolder.load(folder, train, imageSize).requireSamples()
                : Datasets.load(data, dataDir, train);
        Integer limit = train ? limitTrain : limitTest;
        if (limit != null && limit < d.size()) d = d.subset(limit);
        return d;
    }

    /**
     * The training split, which must hold at least two classes ({@link Dataset#requireTrainable}): what
     * {@code train} and {@code finetune} learn from. A test or calibration split may hold one class.
     */
    Dataset trainingSet(Path dataDir) {
        return load(dataDir, true).requireTrainable();
    }
}
