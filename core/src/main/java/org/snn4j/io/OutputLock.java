package org.snn4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.snn4j.Snn4jException;

/**
 * Claims an output file for one run, so that a second run writing the same file fails at its start
 * instead of both finishing and one silently losing: the claim is an operating-system lock on
 * {@code <file>.lock} beside it (which holds the owner's process id, for people). The operating system
 * drops the lock when the process ends, however it ends, so a run killed with SIGKILL leaves at most
 * an unlocked lock file, which the next run takes over. Closing the claim deletes the lock file.
 */
public final class OutputLock implements AutoCloseable {
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code target}: {@code <target>.lock} in the same directory. */
    public static Path lockFileOf(Path target) {
        return target.toAbsolutePath().resolveSibling(target.getFileName() + ".lock");
    }

    /**
     * Claims {@code target} until {@link #close}.
     *
     * @throws Snn4jException "another run is writing FILE (process P holds FILE.lock)" when another run
     *                        (of this process or another) holds it, or "cannot write FILE: ..." when FILE's
     *                        directory cannot be written ({@link AtomicFile#requireWritable}) or the lock
     *                        file cannot be made
     */
    public static OutputLock acquire(Path target) {
        AtomicFile.requireWritable(target);  // an unwritable place is reported as every write reports it
        return acquire(target, 1);
    }

    private static OutputLock acquire(Path target, int attempt) {
        Path lockFile = lockFileOf(target);
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String owner = owner(channel);
                channel.close();
                throw new Snn4jException("another run is writing " + target + " (" + (owner.isEmpty() ? "a process" : "process " + owner)
                        + " holds " + lockFile.getFileName() + "); wait for it to finish or write to another file");
            }
            String pid = ProcessHandle.current().pid() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid.getBytes(StandardCharsets.US_ASCII)), 0);
            if (!Files.exists(lockFile) || !Files.readString(lockFile, StandardCharsets.US_ASCII).equals(pid)) {
                // the owner before us deleted the file between our open and our lock: claim the new one
                lock.release();
                channel.close();
                if (attempt >= 3) throw new IOException("the lock file keeps being replaced");
                return acquire(target, attempt + 1);
            }
            return new OutputLock(lockFile, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new Snn4jException("cannot write " + target + ": cannot create its lock file " + lockFile + " (" + e.getMessage() + ")", e);
        }
    }

    /** Deletes the lock file, then releases the lock (deleting first: no other run can see it unlocked and then lose it). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(lockFile);
            lock.release();
        } catch (IOException ignored) {
            // the lock goes with the channel below in any case
        } finally {
            closeQuietly(channel);
        }
    }

    private static String owner(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            int n = channel.read(buf, 0);
            return n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to report beyond the error being thrown
        }
    }
}
