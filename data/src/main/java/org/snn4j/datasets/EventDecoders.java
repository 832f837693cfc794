package org.snn4j.datasets;

import org.snn4j.events.EventDecoder;
import org.snn4j.events.Events;

/**
 * Decoders of the event-camera formats that take bytes in chunks of any size ({@link EventDecoder}): for
 * a recording piped in, or a pipe written by a camera driver. The whole-file readers ({@link
 * NmnistReader}, {@link AedatReader}, {@link Aedat4Reader}) are these decoders fed the whole file, so a
 * stream of a file's bytes gives its events and its errors, cut anywhere.
 */
public final class EventDecoders {
    /** Events expected when nothing tells (a capacity hint; builders grow past it). */
    private static final int STREAM_CAPACITY = 4096;

    private EventDecoders() {}

    /** N-MNIST / N-Caltech101 {@code .bin} records on a {@code width × height} sensor. */
    public static EventDecoder nmnist(String name, int width, int height) {
        return new NmnistDecoder(name, width, height, STREAM_CAPACITY);
    }

    /**
     * AEDAT 2.0, 3.1 or 4.0, the version and sensor size from the header; AEDAT 2.0 addresses in {@code
     * layout}.
     */
    public static EventDecoder aedat(String name, Aedat2Address layout) {
        return new AedatDecoder(name, 0, 0, layout, null, STREAM_CAPACITY);
    }

    /** AEDAT 4.0 only: another version is a one-line error. */
    public static EventDecoder aedat4(String name) {
        return new AedatDecoder(name, 0, 0, Aedat2Address.DVS128, "4.0", STREAM_CAPACITY);
    }

    /** A whole file's events: {@code decoder} fed {@code data} at once. */
    static Events decodeAll(EventDecoder decoder, byte[] data) {
        decoder.feed(data, 0, data.length);
        decoder.finish();
        return decoder.take();
    }
}
