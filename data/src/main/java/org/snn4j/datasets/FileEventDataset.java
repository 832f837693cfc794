package org.snn4j.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.snn4j.events.EventDataset;
import org.snn4j.events.Events;

/**
 * A data set of one recording per file (N-MNIST, N-Caltech101, CIFAR10-DVS): the files and labels are
 * listed when opened, a file is decoded each time its recording is asked for. Safe for concurrent reads.
 */
final class FileEventDataset implements EventDataset {
    /** One recording's file and label. */
    record Sample(Path file, int label) {}

    private final String name;
    private final List<Sample> samples;
    private final int numClasses;
    private final int width;
    private final int height;
    private final Function<Path, Events> decoder;

    FileEventDataset(String name, List<Sample> samples, int numClasses, int width, int height, Function<Path, Events> decoder) {
        this.name = name;
        this.samples = List.copyOf(samples);
        this.numClasses = numClasses;
        this.width = width;
        this.height = height;
        this.decoder = decoder;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int label(int i) {
        return samples.get(i).label();
    }

    /** The file of recording {@code i}. */
    Path file(int i) {
        return samples.get(i).file();
    }

    @Override
    public Events recording(int i) {
        return decoder.apply(samples.get(i).file());
    }
}
