package org.snn4j.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snn4j.events.EventDataset;
import org.snn4j.events.Events;

/**
 * DVS128 Gesture: each trial listed in {@code trials_to_train.txt} or {@code trials_to_test.txt} is an
 * AEDAT 3.1 recording {@code userXX_lighting.aedat} that its {@code userXX_lighting_labels.csv} cuts into
 * labelled windows; every window is one sample (events with {@code start <= t < end}, as SpikingJelly
 * cuts them). The label files are read when opened; a recording is decoded when one of its windows is
 * asked for, and the last one decoded is kept, so reading the windows in order decodes each file once.
 * Safe for concurrent reads.
 */
final class GestureDataset implements EventDataset {
    private record Sample(Path recording, GestureLabels.Window window) {}

    private final String name;
    private final List<Sample> samples = new ArrayList<>();
    private Path cachedFile;
    private Events cached;

    GestureDataset(String name, Path dir, List<String> trials) {
        this.name = name;
        for (String trial : trials) {
            Path recording = dir.resolve(trial);
            Path labels = dir.resolve(trial.replaceFirst("\\.aedat$", "") + "_labels.csv");
            if (!Files.isRegularFile(recording)) throw new DataFormatException(recording.toString(), "file not found (listed as a trial)");
            for (GestureLabels.Window w : GestureLabels.read(labels)) samples.add(new Sample(recording, w));
        }
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
        return GestureLabels.CLASSES;
    }

    @Override
    public int width() {
        return EventDataLayouts.DVS128_SIDE;
    }

    @Override
    public int height() {
        return EventDataLayouts.DVS128_SIDE;
    }

    @Override
    public int label(int i) {
        return samples.get(i).window().label();
    }

    @Override
    public Events recording(int i) {
        Sample s = samples.get(i);
        return decoded(s.recording()).between(s.window().startUs(), s.window().endUs());
    }

    private synchronized Events decoded(Path file) {
        if (!file.equals(cachedFile)) {
            cached = AedatReader.read(EventFiles.readAll(file), file.toString(), EventDataLayouts.DVS128_SIDE,
                    EventDataLayouts.DVS128_SIDE, Aedat2Address.DVS128);
            cachedFile = file;
        }
        return cached;
    }
}
