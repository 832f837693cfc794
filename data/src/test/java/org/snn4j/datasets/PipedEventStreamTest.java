package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.snn4j.events.EventDecoder;
import org.snn4j.events.Events;
import org.snn4j.events.EventsBuilder;
import org.snn4j.stream.EventSource;

/**
 * Issue 28's pipe test: a recording written into a pipe in random-sized chunks (so packets, events and
 * headers are cut at any byte) and read by {@link EventSource#decoding} gives the events of the whole-file
 * reader, batch after batch as the bytes arrive; a truncated or corrupt stream gives its events up to the
 * damage, then the reader's one-line error.
 */
class PipedEventStreamTest {
    /** One format: a recording's bytes, the whole-file reader and a fresh decoder. */
    private record Format(byte[] bytes, Function<byte[], Events> reader, Supplier<EventDecoder> decoder) {}

    private static Map<String, Format> formats;

    /** The formats of one recording, made once (emulating and compressing it takes a while on a loaded machine). */
    private static synchronized Map<String, Format> formats() {
        if (formats == null) formats = makeFormats();
        return formats;
    }

    private static Map<String, Format> makeFormats() {
        NDigits digits = NDigits.open(false);
        Events a = digits.recording(1);
        Events b = digits.recording(2);
        long shift = a.lastTimeUs() + 1;
        EventsBuilder two = new EventsBuilder(34, 34, a.size() + b.size());
        for (int i = 0; i < a.size(); i++) two.add(a.timeUs(i), a.x(i), a.y(i), a.polarity(i));
        for (int i = 0; i < b.size(); i++) two.add(shift + b.timeUs(i), b.x(i), b.y(i), b.polarity(i));
        Events rec = two.build();  // two saccade recordings back to back: about 0.6 s, several thousand events
        int n = rec.size();
        byte[] aedat31 = EventFileWriters.concat(EventFileWriters.aedat31Header(), EventFileWriters.aedat31Polarity(rec, 0, n / 3, 0, 5),
                EventFileWriters.aedat31Other(2, 3), EventFileWriters.aedat31Polarity(rec, n / 3, n, 0, -1));
        List<int[]> packets = List.of(new int[] {0, n / 4}, new int[] {n / 4, n / 2}, new int[] {n / 2, n});
        return Map.of(
                "nmnist", new Format(EventFileWriters.nmnist(rec), f -> NmnistReader.read(f, "p.bin", 34, 34),
                        () -> EventDecoders.nmnist("p.bin", 34, 34)),
                "aedat2", new Format(EventFileWriters.aedat2Dvs128(rec, "# jAER"), f -> AedatReader.read(f, "p.aedat"),
                        () -> EventDecoders.aedat("p.aedat", Aedat2Address.DVS128)),
                "aedat31", new Format(aedat31, f -> AedatReader.read(f, "p.aedat"), () -> EventDecoders.aedat("p.aedat", Aedat2Address.DVS128)),
                "aedat4-lz4", new Format(EventFileWriters.aedat4(rec, 1, packets), f -> Aedat4Reader.read(f, "p.aedat4"),
                        () -> EventDecoders.aedat4("p.aedat4")),
                "aedat4-zstd", new Format(EventFileWriters.aedat4(rec, 3, packets), f -> Aedat4Reader.read(f, "p.aedat4"),
                        () -> EventDecoders.aedat4("p.aedat4")));
    }

    /** What came out of the pipe: the events, how many batches, and the error that ended it (or null). */
    private record Piped(Events events, int batches, RuntimeException error) {}

    /**
     * Writes {@code bytes} into an operating-system pipe (the standard input of {@code cat}, whose standard
     * output is read back) from another thread, in chunks of 1 to {@code maxChunk} bytes, and reads them through
     * a source.
     */
    private static Piped pipe(byte[] bytes, Supplier<EventDecoder> decoder, long seed, int maxChunk) throws Exception {
        Process cat = new ProcessBuilder("cat").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread writer = Thread.ofPlatform().start(() -> {
            SplittableRandom rng = new SplittableRandom(seed);
            try (var out = cat.getOutputStream()) {
                for (int off = 0; off < bytes.length; ) {
                    int n = Math.min(bytes.length - off, 1 + rng.nextInt(maxChunk));
                    out.write(bytes, off, n);
                    out.flush();
                    off += n;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        var in = cat.getInputStream();
        EventsBuilder all = null;
        int batches = 0;
        RuntimeException error = null;
        try (EventSource source = EventSource.decoding(in, decoder.get(), "pipe", 1024)) {
            for (Events e = source.next(); e != null; e = source.next()) {
                batches++;
                if (all == null) all = new EventsBuilder(e.width(), e.height(), 1024);
                for (int i = 0; i < e.size(); i++) all.add(e.timeUs(i), e.x(i), e.y(i), e.polarity(i));
            }
        } catch (RuntimeException e) {
            error = e;
        }
        writer.join();
        cat.waitFor();
        return new Piped(all == null ? null : all.build(), batches, error);
    }

    @Test
    void aRecordingPipedInRandomChunksGivesTheFilesEvents() throws Exception {
        for (var f : formats().entrySet()) {
            Events expected = f.getValue().reader().apply(f.getValue().bytes());
            assertTrue(expected.size() > 3000, f.getKey() + ": " + expected);
            for (int seed = 0; seed < 4; seed++) {
                int maxChunk = new int[] {7, 100, 1500, 9000}[seed];
                Piped p = pipe(f.getValue().bytes(), f.getValue().decoder(), seed, maxChunk);
                assertEquals(null, p.error(), f.getKey());
                assertEquals(expected, p.events(), f.getKey() + " in chunks of up to " + maxChunk + " bytes");
                assertTrue(p.batches() > 1, f.getKey() + ": the events came batch by batch as they arrived, " + p.batches());
            }
        }
    }

    @Test
    void aTruncatedStreamGivesItsEventsThenTheReadersError() throws Exception {
        for (var f : formats().entrySet()) {
            byte[] whole = f.getValue().bytes();
            for (int cut : new int[] {cutInsideARecord(f.getValue(), whole.length / 2), cutInsideARecord(f.getValue(), whole.length * 2 / 3)}) {
                byte[] truncated = java.util.Arrays.copyOf(whole, cut);
                var expected = assertThrows(DataFormatException.class, () -> f.getValue().reader().apply(truncated), f.getKey());
                Piped p = pipe(truncated, f.getValue().decoder(), cut, 333);
                assertTrue(p.error() instanceof DataFormatException, f.getKey() + ": " + p.error());
                assertEquals(expected.getMessage(), p.error().getMessage(), f.getKey() + " cut at " + cut);
                assertFalse(p.error().getMessage().contains("\n"));
                Events full = f.getValue().reader().apply(whole);
                assertTrue(p.events() != null && p.events().size() > 0 && p.events().size() < full.size(), f.getKey() + ": events before the cut");
                assertEquals(full.slice(0, p.events().size()), p.events(), f.getKey() + ": the events before the cut are the file's");
            }
        }
    }

    /** The first length from {@code near} on at which the file ends inside a record (its reader refuses it). */
    private static int cutInsideARecord(Format f, int near) {
        for (int cut = near; ; cut++) {
            try {
                f.reader().apply(java.util.Arrays.copyOf(f.bytes(), cut));
            } catch (DataFormatException e) {
                return cut;
            }
        }
    }

    @Test
    void aCorruptEventEndsTheStreamWithItsOffset() throws Exception {
        Format f = formats().get("nmnist");
        byte[] bytes = f.bytes().clone();
        int record = bytes.length / 5 / 2;
        bytes[record * 5] = (byte) 200;  // x = 200 on a 34 x 34 sensor
        Piped p = pipe(bytes, f.decoder(), 5, 64);
        assertEquals("p.bin: byte " + record * 5 + ": event address (200, " + (bytes[record * 5 + 1] & 0xFF) + ") outside the 34x34 sensor",
                p.error().getMessage());
        assertTrue(p.events().size() < record);
    }
}
