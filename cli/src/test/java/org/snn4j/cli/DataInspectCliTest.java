package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.datasets.EventFileWriters;
import org.snn4j.events.Events;
import org.snn4j.events.EventsBuilder;

/** {@code snn4j data inspect} on files written by the test writers, and its one-line errors. */
class DataInspectCliTest {
    @TempDir
    Path dir;

    /** 3 ON and 2 OFF events from 10 µs to 20,000 µs (past two N-MNIST overflows). */
    private static Events sample(int width, int height) {
        return new EventsBuilder(width, height, 5).add(10, 1, 2, 1).add(11, 3, 3, 0).add(9000, 5, 6, 1).add(17000, 7, 8, 1)
                .add(20000, 9, 9, 0).build();
    }

    private static JsonObject json(CliTest.Run r) {
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        return JsonParser.parseString(r.lastLine()).getAsJsonObject();
    }

    private static void assertCounts(JsonObject o) {
        assertEquals(5, o.get("events").getAsLong(), o.toString());
        assertEquals(3, o.get("on").getAsLong());
        assertEquals(2, o.get("off").getAsLong());
        assertEquals(10, o.get("t_first_us").getAsLong());
        assertEquals(20000, o.get("t_last_us").getAsLong());
    }

    @Test
    void inspectsNmnistAedatAndAedat4() throws Exception {
        Path bin = Files.write(dir.resolve("00001.bin"), EventFileWriters.nmnist(sample(34, 34)));
        JsonObject n = json(CliTest.run("data", "inspect", "--format", "nmnist", bin.toString(), "--json"));
        assertCounts(n);
        assertEquals(34, n.get("width").getAsInt());
        assertEquals(34, n.get("height").getAsInt());

        Events g = sample(128, 128);
        Path v3 = Files.write(dir.resolve("user01_led.aedat"), EventFileWriters.concat(EventFileWriters.aedat31Header(),
                EventFileWriters.aedat31Polarity(g, 0, 5, 0, -1)));
        JsonObject a = json(CliTest.run("data", "inspect", "--format", "aedat", v3.toString(), "--json"));
        assertCounts(a);
        assertEquals(128, a.get("width").getAsInt());

        Path v4 = Files.write(dir.resolve("dv.aedat4"), EventFileWriters.aedat4(sample(346, 260), 1, List.of(new int[] {0, 5})));
        JsonObject d = json(CliTest.run("data", "inspect", "--format", "aedat4", v4.toString(), "--json"));
        assertCounts(d);
        assertEquals(346, d.get("width").getAsInt());
        assertEquals(260, d.get("height").getAsInt());

        CliTest.Run text = CliTest.run("data", "inspect", "--format", "aedat4", v4.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("events: 5"), text.out());
        assertTrue(text.out().contains("t_last_us: 20000"), text.out());
    }

    @Test
    void badFilesAndFormatsGiveOneLineAndNonZeroExit() throws Exception {
        Path bin = Files.write(dir.resolve("cut.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7});
        CliTest.Run r = CliTest.run("data", "inspect", "--format", "nmnist", bin.toString(), "--json");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("cut.bin: byte 5: record expected 5 bytes, was 2"), r.err());
        assertTrue(r.err().startsWith("snn4j data inspect: "), r.err());   // the command as typed, not its last word
        r = CliTest.run("data", "inspect", "--format", "aedat", bin.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cut.bin: byte 0: first line expected #!AER-DAT<version>"), r.err());
        r = CliTest.run("data", "inspect", "--format", "shd", bin.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("not a readable HDF5 file"), r.err());
        r = CliTest.run("data", "inspect", "--format", "mp4", bin.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown format 'mp4'"), r.err());
        assertTrue(r.err().startsWith("snn4j data inspect: ") && r.err().contains("(see snn4j data inspect --help)"), r.err());
        r = CliTest.run("data", "inspect", "--format", "nmnist", dir.resolve("missing.bin").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("missing.bin: file not found"), r.err());
    }
}
