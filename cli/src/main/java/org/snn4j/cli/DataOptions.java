package org.snn4j.cli;

import java.nio.file.Path;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.DataSource;
import org.snn4j.datasets.Datasets;
import org.snn4j.datasets.EventDatasets;
import org.snn4j.datasets.ImageFolder;
import org.snn4j.events.EventDataset;
import org.snn4j.events.FrameBinning;
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
    private EventOptions events;
    private FrameBinning binning;
    private long seed;
    private int imageSize = 224;

    @Option(names = "--data", defaultValue = "mnist-10k",
            description = "mnist-10k (bundled), mnist, fashion-mnist, cifar10, cifar100, svhn, or folder:PATH (class folders "
                    + "of JPEG/PNG images, ImageNet's train/ and val/ layout too; see --image-size); event data (train, eval): "
                    + "n-digits (emulated event-camera recordings of the bundled digits), nmnist, ncaltech101, dvs-gesture, "
                    + "cifar10-dvs, shd, ssc (in --data-dir, docs/EVENTS.md) (default: ${DEFAULT-VALUE}).")
    void data(String name) {
        if (folder(name) != null) {
            if (name.equals("folder:")) {
                throw new ParameterException(spec.commandLine(), "--data folder: needs a path, e.g. folder:/data/imagenet");
            }
            data = name;
            return;
        }
        try {
            if (!EventDatasets.isEventData(name)) Datasets.layout(name);
        } catch (Snn4jException e) {
            throw new ParameterException(spec.commandLine(), "--data: " + e.getMessage() + ", " + String.join(", ", EventDatasets.names()) + ", folder:PATH");
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
        return DataSource.folder(name);
    }

    private int atLeastOne(String flag, int n) {
        if (n < 1) throw new ParameterException(spec.commandLine(), flag + " must be >= 1, was " + n);
        return n;
    }

    /** The set's name, as {@code --data} gave it. */
    String name() {
        return data;
    }

    /** True when {@code --data} names an event data set. */
    boolean isEvents() {
        return EventDatasets.isEventData(data);
    }

    /**
     * Reads event data as {@code steps} frames made as {@code options} say (for commands that read event
     * data; checks those flags, bad usage naming the flag).
     *
     * @param seed seeds the random transforms of each recording
     */
    void events(CommandSpec command, EventOptions options, int steps, long seed) {
        this.events = options;
        this.binning = options.binning(command, steps);
        this.seed = seed;
    }

    /** The binning of event data into frames (null for image data). */
    FrameBinning binning() {
        return isEvents() ? requireEventOptions() : null;
    }

    private FrameBinning requireEventOptions() {
        if (binning == null) {
            throw new ParameterException(spec.commandLine(), "--data " + data + " is event data, which only train and eval read");
        }
        return binning;
    }

    /**
     * The sample shape and class count of the set, known from its name without reading it; for event data
     * the shape of one frame, {@code [C, H, W]}, what the model reads per step.
     */
    Datasets.Layout layout() {
        if (isEvents()) {
            FrameBinning b = requireEventOptions();
            EventDatasets.Layout l = EventDatasets.layout(data);
            return new Datasets.Layout(events.frameShape(l, b), l.classes());
        }
        Path folder = folder(data);
        return folder != null ? ImageFolder.layout(folder, imageSize) : Datasets.layout(data);
    }

    /**
     * The training or test split, cut to its limit; event data as its frames ({@link EventOptions}), each
     * sample {@code [T·C, H, W]}.
     *
     * @throws Snn4jException when the files are missing or malformed, or the split holds no samples
     */
    Dataset load(Path dataDir, boolean train) {
        if (isEvents()) return events.frames(recordings(dataDir, train), requireEventOptions(), seed).requireSamples();
        return source(dataDir, train).load();
    }

    /** Where the training or test split of an image set lives and its limit (null for event data, made from recordings). */
    DataSource source(Path dataDir, boolean train) {
        if (isEvents()) return null;
        Integer limit = train ? limitTrain : limitTest;
        return new DataSource(data, dataDir == null ? null : dataDir.toString(), train, imageSize, limit == null ? 0 : limit);
    }

    /** The recordings of an event data set's split, cut to its limit (read when asked). */
    EventDataset recordings(Path dataDir, boolean train) {
        requireEventOptions();
        Integer limit = train ? limitTrain : limitTest;
        EventDataset recordings = EventDatasets.open(data, dataDir, train);
        return limit == null ? recordings : recordings.limit(limit);
    }

    /** The transforms event data goes through before binning. */
    org.snn4j.events.EventTransform eventTransform() {
        requireEventOptions();
        return events.transform();
    }

    /**
     * The training split, which must hold at least two classes ({@link Dataset#requireTrainable}): what
     * {@code train} and {@code finetune} learn from. A test or calibration split may hold one class.
     */
    Dataset trainingSet(Path dataDir) {
        return load(dataDir, true).requireTrainable();
    }
}
