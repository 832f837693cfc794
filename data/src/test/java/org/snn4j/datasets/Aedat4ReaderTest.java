package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.snn4j.events.Events;

class Aedat4ReaderTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void roundTripsUncompressedLz4AndZstd(int compression) {
        // 8,000 events of 16 bytes: the first packet (80 KB) spans two linked 64 KiB LZ4 blocks
        Events e = EventSamples.random(4, 8_000, 346, 260, 1_700_000_000_000_000L, 30);
        byte[] file = EventFileWriters.aedat4(e, compression, List.of(new int[] {0, 5_000}, new int[] {5_000, 5_000},
                new int[] {5_000, 8_000}));
        assertEquals("4.0", AedatReader.version(file, "dv.aedat4"));
        assertEquals(e, Aedat4Reader.read(file, "dv.aedat4"));
        assertEquals(e, AedatReader.read(file, "dv.aedat4"));
    }

    @Test
    void corruptCompressedPacketIsAOneLineError() {
        Events e = EventSamples.random(4, 500, 64, 48, 0, 30);
        byte[] file = EventFileWriters.aedat4(e, 3, List.of(new int[] {0, 500}));
        int at = file.length - 9 - 40;
        file[at] ^= 0x5A;
        file[at + 1] ^= 0x33;
        DataFormatException x = assertThrows(DataFormatException.class, () -> Aedat4Reader.read(file, "z.aedat4"));
        assertTrue(x.getMessage().startsWith("z.aedat4: byte "), x.getMessage());
        assertTrue(!x.getMessage().contains("\n"), x.getMessage());
    }

    @Test
    void missingSensorSizeIsNamed() {
        Events e = EventSamples.random(4, 5, 64, 48, 0, 30);
        byte[] file = EventFileWriters.aedat4(e, 0, List.of(new int[] {0, 5}));
        String text = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1).replace("sizeY", "sizeQ");
        byte[] broken = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        DataFormatException x = assertThrows(DataFormatException.class, () -> Aedat4Reader.read(broken, "s.aedat4"));
        assertEquals("s.aedat4: IOHeader infoNode: attribute sizeY expected, was missing", x.getMessage());
    }

    @Test
    void packetSizePastTheDataTableIsRefused() {
        Events e = EventSamples.random(4, 5, 64, 48, 0, 30);
        byte[] file = EventFileWriters.aedat4(e, 0, List.of(new int[] {0, 5}));
        byte[] cut = java.util.Arrays.copyOf(file, file.length - 9 - 20);
        DataFormatException x = assertThrows(DataFormatException.class, () -> Aedat4Reader.read(cut, "c.aedat4"));
        assertTrue(x.getMessage().contains("dataTablePosition expected in"), x.getMessage());
    }
}
