package org.snn4j.datasets;

import org.snn4j.events.EventsBuilder;

/** {@link NmnistReader}'s format decoded chunk by chunk: 5-byte records, overflow records unrolled into the times. */
final class NmnistDecoder extends ChunkedDecoder {
    private long base;

    NmnistDecoder(String file, int width, int height, int expected) {
        super(file);
        if (height > NmnistReader.OVERFLOW_Y) throw new IllegalArgumentException("sensor height " + height + " > " + NmnistReader.OVERFLOW_Y);
        events = new EventsBuilder(width, height, expected);
    }

    @Override
    int decode(byte[] data, int from, int length, long at, boolean atEnd) {
        int whole = length - length % NmnistReader.RECORD_BYTES;
        if (atEnd && whole != length) {
            throw new DataFormatException(file, "byte " + (at + whole) + ": record expected " + NmnistReader.RECORD_BYTES + " bytes, was "
                    + (length - whole) + " (the file ends inside a record)");
        }
        for (int off = from, end = from + whole; off < end; off += NmnistReader.RECORD_BYTES) {
            int y = data[off + 1] & 0xFF;
            int b2 = data[off + 2] & 0xFF;
            if (y == NmnistReader.OVERFLOW_Y) {
                base += NmnistReader.OVERFLOW_US;
                continue;
            }
            long t = base + ((b2 & 0x7F) << 16 | (data[off + 3] & 0xFF) << 8 | (data[off + 4] & 0xFF));
            try {
                events.add(t, data[off] & 0xFF, y, b2 >>> 7);
            } catch (IllegalArgumentException e) {
                throw badEvent(at + off - from, e);
            }
        }
        return whole;
    }
}
