package org.snn4j.datasets;

import java.util.Arrays;
import org.snn4j.events.EventDecoder;
import org.snn4j.events.Events;
import org.snn4j.events.EventsBuilder;

/**
 * What every event-file decoder shares: the bytes of an incomplete record kept from one chunk to the
 * next. A chunk is decoded where it lies while nothing is kept (a whole file fed at once is never copied);
 * otherwise it is appended to the kept bytes and decoding resumes there.
 */
abstract class ChunkedDecoder implements EventDecoder {
    /** Names the input in messages. */
    protected final String file;
    /** Where decoded events go; null until the format has named its sensor. */
    protected EventsBuilder events;
    private byte[] kept = new byte[0];
    private int keptLength;
    /** The stream offset of the first kept byte (of the next byte to decode). */
    private long position;
    private boolean failed;

    ChunkedDecoder(String file) {
        this.file = file;
    }

    /**
     * Decodes the complete records of {@code data[from, from + length)}, whose first byte is byte {@code at}
     * of the stream.
     *
     * @param atEnd no more bytes will come: an incomplete record is an error
     * @return the bytes decoded (from {@code from}); the rest is given again, with more, on the next call
     */
    abstract int decode(byte[] data, int from, int length, long at, boolean atEnd);

    @Override
    public final void feed(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        if (failed) throw new IllegalStateException(file + ": fed after an error");
        if (length == 0) return;
        try {
            if (keptLength == 0) {
                int used = decode(bytes, offset, length, position, false);
                position += used;
                keep(bytes, offset + used, length - used);
            } else {
                keep(bytes, offset, length);
                int used = decode(kept, 0, keptLength, position, false);
                position += used;
                System.arraycopy(kept, used, kept, 0, keptLength - used);
                keptLength -= used;
            }
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public final Events take() {
        if (events == null) return null;
        Events e = events.build();
        events.clear();
        return e;
    }

    @Override
    public final void finish() {
        if (failed) throw new IllegalStateException(file + ": finished after an error");
        failed = true;  // nothing may be fed after the end
        int used = decode(kept, 0, keptLength, position, true);
        if (used != keptLength) throw new IllegalStateException(file + ": " + (keptLength - used) + " bytes left at the end");
    }

    /** Appends {@code data[from, from + length)} to the kept bytes. */
    private void keep(byte[] data, int from, int length) {
        if (length == 0) return;
        if (keptLength + length > kept.length) {
            long grown = Math.max(keptLength + (long) length, Math.min(Integer.MAX_VALUE - 8L, 2L * kept.length));
            if (grown > Integer.MAX_VALUE - 8) throw new DataFormatException(file, "a record of more than 2 GiB");
            kept = Arrays.copyOf(kept, (int) grown);
        }
        System.arraycopy(data, from, kept, keptLength, length);
        keptLength += length;
    }

    /** Where a record that {@link EventsBuilder#add} refused starts: the one-line error. */
    DataFormatException badEvent(long offset, IllegalArgumentException e) {
        return EventFiles.badEvent(file, offset, e);
    }
}
