package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.events.Events;
import org.snn4j.events.EventsBuilder;

class AedatReaderTest {
    @Test
    void aedat2RoundTripsWithTheDvs128Layout() {
        Events e = EventSamples.random(11, 3000, 128, 128, 1_000_000, 40);
        byte[] file = EventFileWriters.aedat2Dvs128(e, "# This is a raw AE data file - do not edit", "# AEChip: ch.unizh.ini.jaer.chip.retina.DVS128");
        assertEquals("2.0", AedatReader.version(file, "g.aedat"));
        assertEquals(e, AedatReader.read(file, "g.aedat"));
    }

    @Test
    void aedat2CifarLayoutTransposesAndFlipsAsSpikingJellyDoes() {
        // raw DVS128 bits: x_raw = 10, y_raw = 20, p_raw = 1 (OFF); SpikingJelly: x = 127 - 20, y = 127 - 10, p = 0
        byte[] file = EventFileWriters.concat("#!AER-DAT2.0\r\n".getBytes(StandardCharsets.US_ASCII),
                ByteBuffer.allocate(8).putInt(20 << 8 | 10 << 1 | 1).putInt(77).array());
        Events e = AedatReader.read(file, "c.aedat", 128, 128, Aedat2Address.CIFAR10_DVS);
        assertEquals(1, e.size());
        assertEquals(107, e.x(0));
        assertEquals(117, e.y(0));
        assertEquals(0, e.polarity(0));
        assertEquals(77, e.timeUs(0));
        Events d = AedatReader.read(file, "c.aedat");
        assertEquals(117, d.x(0));
        assertEquals(20, d.y(0));
    }

    @Test
    void aedat2EndingInsideAnEventNamesTheOffset() {
        byte[] file = EventFileWriters.concat("#!AER-DAT2.0\r\n".getBytes(StandardCharsets.US_ASCII), new byte[11]);
        DataFormatException x = assertThrows(DataFormatException.class, () -> AedatReader.read(file, "g.aedat"));
        assertEquals("g.aedat: byte 22: event expected 8 bytes, was 3 (the file ends inside an event)", x.getMessage());
    }

    @Test
    void aedat31ReadsPolarityPacketsAndSkipsOtherPacketsAndInvalidEvents() {
        // times cross the 2^31 µs boundary: the later packets carry tsOverflow 1
        Events e = EventSamples.random(5, 900, 128, 128, (1L << 31) - 300 * 20, 40);
        int cross = e.firstIndexAtOrAfter(1L << 31);
        byte[] file = EventFileWriters.concat(EventFileWriters.aedat31Header(),
                EventFileWriters.aedat31Other(0, 3),
                EventFileWriters.aedat31Polarity(e, 0, 100, 0, 50),
                EventFileWriters.aedat31Polarity(e, 100, cross, 0, -1),
                EventFileWriters.aedat31Other(2, 1),
                EventFileWriters.aedat31Polarity(e, cross, 900, 1, 700));
        assertTrue(cross > 100 && cross < 900, "the sample crosses the overflow: " + cross);
        assertEquals("3.1", AedatReader.version(file, "user01_led.aedat"));
        assertEquals(e, AedatReader.read(file, "user01_led.aedat"));
    }

    @Test
    void aedat31PacketErrorsNameOffsetFieldExpectedAndActual() {
        Events e = EventSamples.random(2, 10, 128, 128, 0, 5);
        byte[] header = EventFileWriters.aedat31Header();
        byte[] packet = EventFileWriters.aedat31Polarity(e, 0, 10, 0, -1);
        byte[] truncated = EventFileWriters.concat(header, Arrays.copyOf(packet, packet.length - 3));
        assertEquals("p.aedat: byte " + (header.length + 28) + ": packet of 10 events of 8 bytes expected 80 bytes, was 77",
                message(truncated));
        byte[] shortHeader = EventFileWriters.concat(header, Arrays.copyOf(packet, 20));
        assertEquals("p.aedat: byte " + header.length + ": packet header expected 28 bytes, was 20", message(shortHeader));
        byte[] badSize = packet.clone();
        ByteBuffer.wrap(badSize).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 10).putInt(16, 8).putInt(20, 8).putInt(24, 8);
        assertEquals("p.aedat: byte " + (header.length + 4) + ": eventSize of polarity events expected 8, was 10",
                message(EventFileWriters.concat(header, badSize)));
        byte[] badNumber = packet.clone();
        ByteBuffer.wrap(badNumber).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 11);
        assertEquals("p.aedat: byte " + (header.length + 20) + ": eventNumber expected in [0, eventCapacity 10], was 11",
                message(EventFileWriters.concat(header, badNumber)));
    }

    @Test
    void headerErrors() {
        assertEquals("x.aedat: byte 0: first line expected #!AER-DAT<version>, was \"#!AER-DA?\"",
                message("#!AER-DA\u0001xx\r\n".getBytes(StandardCharsets.ISO_8859_1), "x.aedat"));
        assertEquals("x.aedat: byte 0: AEDAT version expected 2.0, 3.1 or 4.0, was \"3.0\"",
                message("#!AER-DAT3.0\r\n".getBytes(StandardCharsets.US_ASCII), "x.aedat"));
        assertEquals("x.aedat: byte 14: header line expected #!END-HEADER, was the end of the file",
                message("#!AER-DAT3.1\r\n".getBytes(StandardCharsets.US_ASCII), "x.aedat"));
    }

    @Test
    void headerNamesTheSensor() {
        byte[] file = ("#!AER-DAT3.1\r\n#Source 1: DAVIS346B\r\n#!END-HEADER\r\n").getBytes(StandardCharsets.US_ASCII);
        Events e = AedatReader.read(EventFileWriters.concat(file, EventFileWriters.aedat31Polarity(
                new EventsBuilder(346, 260, 1).add(5, 345, 259, 1).build(), 0, 1, 0, -1)), "d.aedat");
        assertEquals(346, e.width());
        assertEquals(260, e.height());
        assertEquals(345, e.x(0));
    }

    @Test
    void gestureLabelsSplitARecordingIntoHalfOpenWindows() {
        var windows = GestureLabels.parse("class,startTime_usec,endTime_usec\r\n1,100,200\r\n11,200,260\r\n\r\n", "u_labels.csv");
        assertEquals(2, windows.size());
        assertEquals(new GestureLabels.Window(0, 100, 200), windows.get(0));
        assertEquals(10, windows.get(1).label());
        Events e = new EventsBuilder(128, 128, 4).add(99, 0, 0, 1).add(100, 1, 1, 1).add(199, 2, 2, 0).add(200, 3, 3, 0).build();
        Events first = e.between(windows.get(0).startUs(), windows.get(0).endUs());
        assertEquals(2, first.size());
        assertEquals(100, first.timeUs(0));
        DataFormatException x = assertThrows(DataFormatException.class,
                () -> GestureLabels.parse("class,startTime_usec,endTime_usec\n12,1,2\n", "u_labels.csv"));
        assertEquals("u_labels.csv: line 2: class expected in [1, 11], was 12", x.getMessage());
        x = assertThrows(DataFormatException.class, () -> GestureLabels.parse("class,start\n", "u_labels.csv"));
        assertEquals("u_labels.csv: line 1: header expected class,startTime_usec,endTime_usec, was \"class,start\"", x.getMessage());
    }

    private static String message(byte[] file) {
        return message(file, "p.aedat");
    }

    private static String message(byte[] file, String name) {
        return assertThrows(DataFormatException.class, () -> AedatReader.read(file, name)).getMessage();
    }
}
