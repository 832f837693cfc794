package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.Snn4jException;

class OutputLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondClaimOfTheSameFileFailsNamingItAndTheOwner() throws IOException {
        Path out = dir.resolve("w1.snn4j");
        try (OutputLock first = OutputLock.acquire(out)) {
            Path lockFile = OutputLock.lockFileOf(out);
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(lockFile));
            Snn4jException e = assertThrows(Snn4jException.class, () -> OutputLock.acquire(out));
            assertEquals("another run is writing " + out + " (process " + ProcessHandle.current().pid()
                    + " holds w1.snn4j.lock); wait for it to finish or write to another file", e.getMessage());
            OutputLock.acquire(dir.resolve("other.snn4j")).close();  // another file is free
        }
        assertFalse(Files.exists(OutputLock.lockFileOf(out)), "closing deletes the lock file");
        OutputLock.acquire(out).close();  // free again
    }

    @Test
    void anUnlockedLockFileLeftByAKilledRunIsTakenOver() throws IOException {
        Path out = dir.resolve("m.snn4j");
        Files.writeString(OutputLock.lockFileOf(out), "999999\n");  // what SIGKILL leaves: a file, no lock
        try (OutputLock claim = OutputLock.acquire(out)) {
            assertTrue(Files.readString(OutputLock.lockFileOf(out)).startsWith(ProcessHandle.current().pid() + ""));
        }
    }
}
