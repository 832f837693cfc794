package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.Snn4jException;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void replacesContentAndLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFile.writeString(f, "one");
        AtomicFile.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void failedWriteKeepsThePreviousContent() throws IOException {
        Path f = dir.resolve("ckpt.bin");
        AtomicFile.writeString(f, "good");
        Snn4jException e = assertThrows(Snn4jException.class, () -> AtomicFile.write(f, out -> {
            out.write("partial".getBytes());
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains("ckpt.bin") && e.getMessage().contains("no space left"), e.getMessage());
        assertEquals("good", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "temporary file removed");
        }
    }

    @Test
    void unwritableDirectoryIsReported() throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Snn4jException e = assertThrows(Snn4jException.class, () -> AtomicFile.writeString(blocker.resolve("sub/out.json"), "{}"));
        assertTrue(e.getMessage().startsWith("cannot write "), e.getMessage());
    }
}
