package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    @Test
    void replacingAFileKeepsItsPermissions() throws IOException {
        Path f = dir.resolve("private.snn4j");
        AtomicFile.writeString(f, "secret");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        AtomicFile.writeString(f, "new secret");
        assertEquals("new secret", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Path fresh = dir.resolve("fresh.snn4j");
        AtomicFile.writeString(fresh, "x");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }

    @Test
    void writingThroughALinkReplacesTheFileItPointsToAndKeepsTheLink() throws IOException {
        Files.createDirectories(dir.resolve("models"));
        Path real = dir.resolve("models/w1.snn4j");
        AtomicFile.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("latest.snn4j"), Path.of("models/w1.snn4j"));
        AtomicFile.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("new", Files.readString(real));
    }

    @Test
    void aTemporaryFileLeftByAKilledWriterIsRemovedByTheNextWriteAndALiveOnesIsKept() throws IOException {
        Path f = dir.resolve("m.snn4j");
        Path stale = Files.writeString(dir.resolve(".m.snn4j.999999999.12345.tmp"), "half a model");  // no such process
        Path live = Files.writeString(dir.resolve(".m.snn4j." + ProcessHandle.current().pid() + ".678.tmp"), "being written");
        Path other = Files.writeString(dir.resolve(".n.snn4j.999999999.1.tmp"), "another file's");
        AtomicFile.writeString(f, "model");
        assertEquals("model", Files.readString(f));
        assertTrue(!Files.exists(stale), "the dead writer's temporary file is gone");
        assertTrue(Files.exists(live) && Files.exists(other), "a live writer's and another file's are kept");
    }
}
