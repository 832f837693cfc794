package org.snn4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.snn4j.Snn4jException;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a part:
 * the bytes go to a temporary file in the same directory, are forced to disk, and the temporary file
 * is renamed over the target. On any failure the temporary file is removed and the target is untouched.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** Something that writes the file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Atomically replaces {@code target} with what {@code writer} produces.
     *
     * @throws Snn4jException naming the file when the directory cannot be created or written, or the
     *                        disk is full; the previous content of {@code target} is kept
     */
    public static void write(Path path, Writer writer) {
        Path target = throughLinks(path);
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            removeStaleTemporaries(dir, target.getFileName().toString());
            tmp = Files.createTempFile(dir, temporaryPrefix(target.getFileName().toString(), ProcessHandle.current().pid()), ".tmp");
            // Temporary files are created owner-only; the result keeps the permissions of the file it
            // replaces (a 0600 file stays private), and a new file is an ordinary one (rw-r--r--).
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                        : PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new Snn4jException("cannot write " + path + ": " + describe(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error is the one worth reporting
                }
            }
        }
    }

    /** Temporary files of {@code name} are {@code .<name>.<pid>.<random>.tmp}: the writing process's id tells stale ones. */
    private static String temporaryPrefix(String name, long pid) {
        return "." + name + "." + pid + ".";
    }

    /**
     * Deletes the temporary files of {@code name} that a process which no longer runs left behind (a write
     * killed by SIGKILL between creating and renaming its temporary file). Another live writer's temporary
     * file is left alone.
     */
    private static void removeStaleTemporaries(Path dir, String name) throws IOException {
        String prefix = "." + name + ".";
        try (var stale = Files.newDirectoryStream(dir, f -> {
            String file = f.getFileName().toString();
            return file.startsWith(prefix) && file.endsWith(".tmp") && file.length() > prefix.length() + ".tmp".length();
        })) {
            for (Path f : stale) {
                String file = f.getFileName().toString();
                String middle = file.substring(prefix.length(), file.length() - ".tmp".length());
                int dot = middle.indexOf('.');
                long pid;
                try {
                    pid = Long.parseLong(dot < 0 ? middle : middle.substring(0, dot));
                } catch (NumberFormatException notOurs) {
                    continue;
                }
                if (ProcessHandle.of(pid).isEmpty()) Files.deleteIfExists(f);
            }
        }
    }

    /**
     * The file a path names after its symbolic links, so that writing through a link replaces the file it
     * points to and keeps the link (as editors do), instead of replacing the link with a file.
     */
    private static Path throughLinks(Path path) {
        Path p = path;
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
            try {
                Path link = Files.readSymbolicLink(p);
                p = p.toAbsolutePath().getParent().resolve(link);
            } catch (IOException e) {
                return p;
            }
        }
        return p;
    }

    /**
     * Fails now, naming the file, when {@code target} could not be written later: its directory cannot be
     * created or written, or {@code target} is a directory. A run that could not save its results stops
     * before it works for hours.
     *
     * @throws Snn4jException "cannot write FILE: PROBLEM"
     */
    public static void requireWritable(Path target) {
        if (Files.isDirectory(target)) throw new Snn4jException("cannot write " + target + ": it is a directory");
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, "." + target.getFileName() + ".", ".probe"));
        } catch (IOException e) {
            throw new Snn4jException("cannot write " + target + ": " + describe(e), e);
        }
    }

    /** Writes a UTF-8 string atomically. */
    public static void writeString(Path target, String content) {
        write(target, out -> out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such directory";
        if (e instanceof java.nio.file.FileAlreadyExistsException f) return f.getFile() + " exists and is not a directory";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason().toLowerCase(java.util.Locale.ROOT);
        if (m != null && m.contains("No space left")) return "no space left on the device";
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
