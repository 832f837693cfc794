package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {
    @TempDir
    Path dir;

    private static JsonObject line(int i) {
        JsonObject o = new JsonObject();
        o.addProperty("i", i);
        return o;
    }

    @Test
    void appendsOneLinePerObjectAndReadsThemBackInOrder() throws IOException {
        Path f = dir.resolve("sub/log.jsonl");
        assertEquals(List.of(), JsonLines.read(f), "no file, no lines");
        for (int i = 0; i < 3; i++) JsonLines.append(f, line(i));
        assertEquals("{\"i\":0}\n{\"i\":1}\n{\"i\":2}\n", Files.readString(f));
        assertEquals(List.of(line(0), line(1), line(2)), JsonLines.read(f));
    }

    @Test
    void aLineACrashCutIsSkippedByReadersAndDroppedByTheNextAppend() throws IOException {
        Path f = dir.resolve("log.jsonl");
        Files.writeString(f, "{\"i\":0}\n{\"i\":");
        assertEquals(List.of(line(0)), JsonLines.read(f));
        JsonLines.append(f, line(1));
        assertEquals("{\"i\":0}\n{\"i\":1}\n", Files.readString(f));
    }

    @Test
    void aCompleteLineThatIsNotAnObjectIsAFormatErrorNamingTheLine() throws IOException {
        Path f = dir.resolve("log.jsonl");
        Files.writeString(f, "{\"i\":0}\n[1]\n");
        FileFormatException e = assertThrows(FileFormatException.class, () -> JsonLines.read(f));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void retainKeepsTheAcceptedLinesAndCreatesNoFile() throws IOException {
        Path f = dir.resolve("log.jsonl");
        JsonLines.retain(f, o -> true);
        assertFalse(Files.exists(f));
        for (int i = 0; i < 4; i++) JsonLines.append(f, line(i));
        JsonLines.retain(f, o -> o.get("i").getAsInt() % 2 == 0);
        assertEquals(List.of(line(0), line(2)), JsonLines.read(f));
    }

    @Test
    void numbersThatAreNotFiniteAreWrittenAsNull() {
        JsonObject o = new JsonObject();
        JsonLines.putNumber(o, "a", 0.5);
        JsonLines.putNumber(o, "b", Double.NaN);
        JsonLines.putNumber(o, "c", Double.POSITIVE_INFINITY);
        assertEquals("{\"a\":0.5,\"b\":null,\"c\":null}", o.toString());
    }
}
