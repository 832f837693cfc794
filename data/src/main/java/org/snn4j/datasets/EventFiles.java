package org.snn4j.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** What the event-file readers share: reading a whole file, and the one-line error of a bad event. */
final class EventFiles {
    private EventFiles() {}

    /**
     * The whole file as bytes (the decoders loop over one array: no per-event allocation).
     *
     * @throws DataFormatException naming the file when it is missing, unreadable or over 2 GiB
     */
    static byte[] readAll(Path file) {
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(file.toString(), "file size expected at most 2 GiB, was " + size + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file.toString(), "file not found");
        } catch (IOException e) {
            throw new DataFormatException(file.toString(), "read failed: " + e.getMessage(), e);
        }
    }

    /** The error of an event the recording refused (address outside the sensor, time going back, ...). */
    static DataFormatException badEvent(String file, long offset, IllegalArgumentException e) {
        return new DataFormatException(file, "byte " + offset + ": " + e.getMessage(), e);
    }

    static int littleEndianInt(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    static int littleEndianShort(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }
}
