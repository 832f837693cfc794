package org.snn4j.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Byte-level helpers shared by the readers: gzip detection by content, counted full reads. */
final class DataStreams {
    private DataStreams() {}

    /** Opens {@code file}, failing with a {@link DataFormatException} naming it when it is missing. */
    static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file.toString(), "file not found");
        } catch (IOException e) {
            throw new DataFormatException(file.toString(), "cannot open: " + e.getMessage(), e);
        }
    }

    /**
     * {@code in}, decompressed when it starts with the gzip magic bytes {@code 1f 8b} (whatever the
     * file is called), buffered either way.
     */
    static InputStream maybeGunzip(InputStream in, String file) {
        try {
            BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
            b.mark(2);
            int m0 = b.read();
            int m1 = b.read();
            b.reset();
            if (m0 == 0x1f && m1 == 0x8b) return new BufferedInputStream(new GZIPInputStream(b, 1 << 16), 1 << 16);
            return b;
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read gzip header: " + e.getMessage(), e);
        }
    }

    /**
     * Reads up to {@code len} bytes into {@code buf[off..]}, stopping early only at the end of the data.
     *
     * @return the number of bytes read (less than {@code len} only when the data ended)
     */
    static int readUpTo(InputStream in, byte[] buf, int off, int len, String file) {
        int n = 0;
        try {
            while (n < len) {
                int r = in.read(buf, off + n, len - n);
                if (r < 0) break;
                n += r;
            }
            return n;
        } catch (EOFException e) {
            // a gzip stream cut short: report it like a short raw file
            return n;
        } catch (ZipException e) {
            throw new DataFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataFormatException(file, "read failed: " + e.getMessage(), e);
        }
    }

    /** The bytes {@code in} can give without blocking, 0 when it cannot tell. */
    private static int available(InputStream in) {
        try {
            return Math.max(0, in.available());
        } catch (IOException e) {
            return 0;
        }
    }

    /** Reads exactly {@code len} bytes, or fails with "truncated after R of T bytes" ({@code R = done + read}). */
    static void readExactly(InputStream in, byte[] buf, int off, int len, String file, long done, long total) {
        int n = readUpTo(in, buf, off, len, file);
        if (n < len) throw new DataFormatException(file, "truncated after " + (done + n) + " of " + total + " bytes");
    }

    /**
     * Reads the {@code len} bytes a header declared, allocating as they arrive (doubling from 1 MiB, or from what
     * the stream says it holds, e.g. the rest of a plain file), so a damaged header that declares gigabytes costs
     * no more memory than the data actually present, and a sound one is read into one array of its size.
     *
     * @throws DataFormatException "truncated after R of T bytes" when the data ends first
     */
    static byte[] readDeclared(InputStream in, int len, String file, long done, long total) {
        byte[] buf = new byte[Math.min(len, Math.max(1 << 20, available(in)))];
        int n = 0;
        while (true) {
            n += readUpTo(in, buf, n, buf.length - n, file);
            if (n < buf.length || n == len) break;
            buf = Arrays.copyOf(buf, (int) Math.min(len, 2L * buf.length));
        }
        if (n < len) throw new DataFormatException(file, "truncated after " + (done + n) + " of " + total + " bytes");
        return buf;
    }

    /**
     * Reads and drops exactly {@code len} bytes, or fails as {@link #readExactly} does ("truncated after R of T
     * bytes", {@code R = done + read}).
     */
    static void skipExactly(InputStream in, long len, String file, long done, long total) {
        byte[] scratch = new byte[(int) Math.min(len, 1 << 16)];
        for (long skipped = 0; skipped < len; ) {
            int want = (int) Math.min(scratch.length, len - skipped);
            int r = readUpTo(in, scratch, 0, want, file);
            skipped += r;
            if (r < want) throw new DataFormatException(file, "truncated after " + (done + skipped) + " of " + total + " bytes");
        }
    }

    /** Fails when {@code in} holds more bytes after the {@code expected} ones. */
    static void expectEnd(InputStream in, String file, long expected) {
        byte[] probe = new byte[4096];
        long extra = 0;
        int r;
        while ((r = readUpTo(in, probe, 0, probe.length, file)) > 0) extra += r;
        if (extra > 0) throw new DataFormatException(file, extra + " unexpected bytes after the expected " + expected);
    }

    static int bigEndianInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // read-only stream: nothing was lost
        }
    }
}
