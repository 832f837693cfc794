package org.snn4j.events;

/**
 * A labelled set of event recordings (an event-camera or spike-audio data set, or one split of it),
 * read lazily: {@link #recording} decodes sample {@code i} when asked, so a data set of billions of
 * events need not fit in memory. Every recording comes from the same {@code width × height} sensor
 * (audio: {@code units × 1}). Implementations say whether they are safe for concurrent reads.
 */
public interface EventDataset {
    /** Name shown in logs and records, e.g. {@code nmnist-train} or {@code n-digits-test (emulated)}. */
    String name();

    /** Number of recordings. */
    int size();

    /** Number of classes; every label lies in {@code [0, numClasses)}. */
    int numClasses();

    /** Sensor width, or the number of units of an audio data set. */
    int width();

    /** Sensor height ({@code 1} for audio). */
    int height();

    /** Label of recording {@code i}, known without decoding it. */
    int label(int i);

    /**
     * The events of recording {@code i}.
     *
     * @throws org.snn4j.Snn4jException if its file cannot be read or is malformed (naming file and offset)
     */
    Events recording(int i);

    /** The first {@code n} recordings (all when {@code n >= size()}), as a view named {@code name[:n]}. */
    default EventDataset limit(int n) {
        if (n < 0) throw new IllegalArgumentException("limit " + n + " < 0");
        if (n >= size()) return this;
        EventDataset all = this;
        return new EventDataset() {
            @Override
            public String name() {
                return all.name() + "[:" + n + "]";
            }

            @Override
            public int size() {
                return n;
            }

            @Override
            public int numClasses() {
                return all.numClasses();
            }

            @Override
            public int width() {
                return all.width();
            }

            @Override
            public int height() {
                return all.height();
            }

            @Override
            public int label(int i) {
                java.util.Objects.checkIndex(i, n);
                return all.label(i);
            }

            @Override
            public Events recording(int i) {
                java.util.Objects.checkIndex(i, n);
                return all.recording(i);
            }
        };
    }
}
