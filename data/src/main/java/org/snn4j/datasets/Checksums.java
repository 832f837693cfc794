package org.snn4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of data files, and verification against published values. */
public final class Checksums {
    private Checksums() {}

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Lower-case hex SHA-256 of the file's content. */
    public static String sha256(Path file) {
        MessageDigest md = digest();
        try (InputStream in = DataStreams.open(file)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) md.update(buf, 0, r);
        } catch (IOException e) {
            throw new DataFormatException(file.toString(), "read failed: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Checks that {@code bytes} hash to {@code expectedHex} (case-insensitive).
     *
     * @throws DataFormatException "{@code file}: SHA-256 expected …, was …" on a mismatch
     */
    public static void verify(byte[] bytes, String expectedHex, String file) {
        check(sha256(bytes), expectedHex, file);
    }

    /** As {@link #verify(byte[], String, String)} for a file. */
    public static void verify(Path file, String expectedHex) {
        check(sha256(file), expectedHex, file.toString());
    }

    private static void check(String actual, String expectedHex, String file) {
        if (!actual.equalsIgnoreCase(expectedHex)) {
            throw new DataFormatException(file, "SHA-256 expected " + expectedHex.toLowerCase() + ", was " + actual);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
