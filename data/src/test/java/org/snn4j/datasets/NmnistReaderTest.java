package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.events.Events;

class NmnistReaderTest {
    @Test
    void roundTripsThroughOverflowRecords() {
        // gaps up to 3 ms over 2000 events: about 3 s, so hundreds of overflow records (every 8192 µs)
        Events e = EventSamples.random(7, 2000, 34, 34, 0, 3000);
        byte[] file = EventFileWriters.nmnist(e);
        assertTrue(file.length > 5 * 2000 + 5 * 100, "the writer emitted overflow records");
        assertEquals(e, NmnistReader.read(file, "a.bin", 34, 34));
    }

    @Test
    void overflowRecordsAddTheirIncrementToEveryLaterEventAndAreNotEvents() {
        byte[] file = {
            3, 4, (byte) 0x80, 0, 5, // ON at (3, 4), t = 5
            0, (byte) 240, 0, 0, 0, // overflow
            1, 2, 0x00, 0x01, 0x02, // OFF at (1, 2), t = 8192 + 0x0102
            0, (byte) 240, 0x7F, 0x12, 0x34, // overflow (its own fields are ignored)
            6, 7, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, // ON at (6, 7), t = 2 * 8192 + 0x7FFFFF
        };
        Events e = NmnistReader.read(file, "a.bin", 34, 34);
        assertEquals(3, e.size());
        assertEquals(5, e.timeUs(0));
        assertEquals(8192 + 0x0102, e.timeUs(1));
        assertEquals(2 * 8192 + 0x7FFFFF, e.timeUs(2));
        assertEquals(1, e.polarity(0));
        assertEquals(0, e.polarity(1));
        assertEquals(6, e.x(2));
        assertEquals(7, e.y(2));
    }

    @Test
    void nCaltechSensorTakesAddressesTheNmnistSensorRefuses() {
        Events e = EventSamples.random(3, 500, 240, 180, 0, 100);
        byte[] file = EventFileWriters.nmnist(e);
        assertEquals(e, NmnistReader.read(file, "c.bin", NmnistReader.NCALTECH101_WIDTH, NmnistReader.NCALTECH101_HEIGHT));
        DataFormatException x = assertThrows(DataFormatException.class, () -> NmnistReader.read(file, "c.bin", 34, 34));
        assertTrue(x.getMessage().startsWith("c.bin: byte "), x.getMessage());
        assertTrue(x.getMessage().contains("outside the 34x34 sensor"), x.getMessage());
    }

    @Test
    void aFileEndingInsideARecordNamesTheOffset() {
        DataFormatException x = assertThrows(DataFormatException.class,
                () -> NmnistReader.read(new byte[] {1, 2, 0, 0, 1, 9, 9}, "t.bin", 34, 34));
        assertEquals("t.bin: byte 5: record expected 5 bytes, was 2 (the file ends inside a record)", x.getMessage());
    }

    @Test
    void timeGoingBackIsRefusedAtItsRecord() {
        byte[] file = {1, 1, 0, 0, 9, 1, 1, 0, 0, 3};
        DataFormatException x = assertThrows(DataFormatException.class, () -> NmnistReader.read(file, "t.bin", 34, 34));
        assertEquals("t.bin: byte 5: event time 3 us before the previous event's 9 us", x.getMessage());
    }

    @Test
    void readsFilesAndNamesMissingOnes(@TempDir Path dir) throws Exception {
        Events e = EventSamples.random(1, 50, 34, 34, 0, 50);
        Path f = Files.write(dir.resolve("00002.bin"), EventFileWriters.nmnist(e));
        assertEquals(e, NmnistReader.read(f, 34, 34));
        DataFormatException x = assertThrows(DataFormatException.class, () -> NmnistReader.read(dir.resolve("no.bin"), 34, 34));
        assertTrue(x.getMessage().endsWith("no.bin: file not found"), x.getMessage());
    }

    @Test
    void anEmptyFileIsAnEmptyRecording() {
        assertEquals(Events.empty(34, 34), NmnistReader.read(new byte[0], "e.bin", 34, 34));
    }
}
