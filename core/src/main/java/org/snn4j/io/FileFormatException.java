package org.snn4j.io;

import org.snn4j.Snn4jException;

/** A file does not have the format snn4j expected: names the file and the problem in one line. */
public final class FileFormatException extends Snn4jException {
    private final String file;

    public FileFormatException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public FileFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /**
     * The bytes of {@code file}, for a format reader.
     *
     * @throws FileFormatException naming the file when it is missing or unreadable
     */
    public static byte[] readAll(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new FileFormatException(file.toString(), "no such file", e);
        } catch (java.io.IOException e) {
            throw new FileFormatException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The bytes of a stream, read to its end (the stream is not closed), for a format reader.
     *
     * @param source names the stream in messages
     * @throws FileFormatException naming the source when the stream fails
     */
    public static byte[] readAll(java.io.InputStream in, String source) {
        try {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new FileFormatException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The file (as given by the caller) that failed to parse. */
    public String file() {
        return file;
    }
}
