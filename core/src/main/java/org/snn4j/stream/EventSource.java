package org.snn4j.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.snn4j.Snn4jException;
import org.snn4j.events.EventDecoder;
import org.snn4j.events.Events;

/**
 * Where a stream's events come from, pulled in batches as they arrive: a decoder over an input stream
 * (a file, a pipe written by a camera driver, standard input) or a recording held in memory. Every batch
 * is on the same sensor and continues the previous one in time.
 */
public interface EventSource extends AutoCloseable {
    /**
     * The next batch of events, at least one; blocks until one arrives.
     *
     * @return the batch, or null when the source has ended
     * @throws Snn4jException when the input is malformed or cannot be read (one line)
     */
    Events next();

    /** Releases what the source reads from (an input stream); the default does nothing. */
    @Override
    default void close() {}

    /** A recording replayed in batches of {@code batch} events (the last may be smaller). */
    static EventSource of(Events recording, int batch) {
        Objects.requireNonNull(recording, "recording");
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, was " + batch);
        return new EventSource() {
            private int at;

            @Override
            public Events next() {
                if (at >= recording.size()) return null;
                int to = Math.min(recording.size(), at + batch);
                Events e = recording.slice(at, to);
                at = to;
                return e;
            }
        };
    }

    /**
     * The events {@code decoder} decodes from {@code in}, read {@code bufferBytes} at most at a time: each
     * read returns what has arrived (a pipe's partial writes included), and a batch is returned as soon as
     * the bytes read hold a complete event. At the end of {@code in} the decoder checks that it did not end
     * inside a record. When the decoder fails (a corrupt or truncated input), the events it decoded before
     * the damage are returned first, and the error is thrown by the next call. Closing the source closes
     * {@code in}.
     *
     * @param name names the input in messages (a file, or "-" for standard input)
     */
    static EventSource decoding(InputStream in, EventDecoder decoder, String name, int bufferBytes) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(decoder, "decoder");
        if (bufferBytes < 1) throw new IllegalArgumentException("bufferBytes must be >= 1, was " + bufferBytes);
        byte[] buffer = new byte[bufferBytes];
        return new EventSource() {
            private boolean ended;
            /** The decoder's error, thrown once the events decoded before it have been returned. */
            private RuntimeException failure;

            @Override
            public Events next() {
                while (!ended && failure == null) {
                    int n = read();
                    try {
                        if (n < 0) {
                            ended = true;
                            decoder.finish();
                        } else {
                            decoder.feed(buffer, 0, n);
                        }
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                    Events e = decoder.take();
                    if (e != null && e.size() > 0) return e;
                }
                if (failure != null) throw failure;
                return null;
            }

            private int read() {
                try {
                    return in.read(buffer);
                } catch (IOException e) {
                    throw new Snn4jException(name + ": read failed: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                try {
                    in.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(name + ": close failed", e);
                }
            }
        };
    }
}
