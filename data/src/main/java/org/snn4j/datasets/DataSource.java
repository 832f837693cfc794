package org.snn4j.datasets;

import java.io.Serializable;
import java.nio.file.Path;
import org.snn4j.data.Dataset;

/**
 * Where a split of an image data set lives and how much of it is used: enough to open the same set again in
 * another JVM that sees the same files (a cluster's executors reading a shared filesystem), instead of being
 * sent the samples. {@code data} is a name {@link Datasets#load} knows or {@code folder:PATH} (an
 * {@link ImageFolder} of {@code imageSize} pixels, streamed: only the images a task copies are decoded).
 *
 * @param dataDir   the files' directory, as a string (paths do not serialize); null for the set's default
 * @param limit     the first {@code limit} samples only; 0 for all
 */
public record DataSource(String data, String dataDir, boolean train, int imageSize, int limit) implements Serializable {
    /** The folder of {@code folder:PATH}, or null for a named set. */
    public static Path folder(String data) {
        return data.startsWith("folder:") ? Path.of(data.substring("folder:".length())) : null;
    }

    /**
     * The split, cut to its limit.
     *
     * @throws org.snn4j.Snn4jException when the files are missing or malformed, or the split holds no samples
     */
    public Dataset load() {
        Path folder = folder(data);
        Path dir = dataDir == null ? null : Path.of(dataDir);
        if (folder == null) return Datasets.load(data, dir, train, limit);
        Dataset d = ImageFolder.load(folder, train, imageSize).requireSamples();
        return limit > 0 && limit < d.size() ? d.subset(limit) : d;
    }
}
