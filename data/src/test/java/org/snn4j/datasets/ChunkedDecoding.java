package org.snn4j.datasets;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.snn4j.events.EventDecoder;
import org.snn4j.events.Events;
import org.snn4j.events.EventsBuilder;

/**
 * The decoders' contract, shared by the fuzz targets and the tests: the bytes of a file fed in chunks of
 * random sizes give what the whole-file reader gives, the same events or the same one-line error.
 */
final class ChunkedDecoding {
    private ChunkedDecoding() {}

    /** The events of {@code data} fed to a fresh decoder in chunks of 1 to {@code maxChunk} bytes, taken after every chunk. */
    static Events decode(Supplier<EventDecoder> decoders, byte[] data, long seed, int maxChunk) {
        EventDecoder d = decoders.get();
        SplittableRandom rng = new SplittableRandom(seed);
        EventsBuilder all = null;
        int off = 0;
        boolean done = false;
        while (!done) {
            if (off == data.length) {
                d.finish();
                done = true;
            } else {
                int n = Math.min(data.length - off, 1 + rng.nextInt(maxChunk));
                d.feed(data, off, n);
                off += n;
            }
            Events taken = d.take();
            if (taken == null) continue;
            if (all == null) all = new EventsBuilder(taken.width(), taken.height(), 16);
            for (int i = 0; i < taken.size(); i++) all.add(taken.timeUs(i), taken.x(i), taken.y(i), taken.polarity(i));
        }
        if (all == null) throw new AssertionError("no sensor after the whole input was decoded");
        return all.build();
    }

    /**
     * Checks the contract on {@code data}: chunked decoding gives {@code whole}'s events, or throws the
     * {@link DataFormatException} with {@code whole}'s message.
     */
    static void check(Function<byte[], Events> whole, Supplier<EventDecoder> decoders, byte[] data, long seed, int maxChunk) {
        Events expected;
        try {
            expected = whole.apply(data);
        } catch (DataFormatException e) {
            try {
                decode(decoders, data, seed, maxChunk);
            } catch (DataFormatException c) {
                if (!c.getMessage().equals(e.getMessage())) {
                    throw new AssertionError("chunked: " + c.getMessage() + "\nwhole file: " + e.getMessage());
                }
                return;
            }
            throw new AssertionError("the whole file fails (" + e.getMessage() + "), its chunks decode");
        }
        Events chunked = decode(decoders, data, seed, maxChunk);
        if (!chunked.equals(expected)) throw new AssertionError("chunked " + chunked + ", whole file " + expected);
    }
}
