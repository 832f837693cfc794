package org.snn4j.datasets;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The text header of an AEDAT file: its version (from the first line, {@code #!AER-DAT<v>}), where the
 * binary data starts, and the sensor size named in its comment lines (a {@code DVS128}, {@code DAVIS240},
 * {@code DAVIS346} or {@code DVXplorer} source; {@code 128 × 128} when none is named).
 *
 * <p>AEDAT 2.0: every line starting with {@code #} is header; the data starts at the first byte of the
 * first line that does not. AEDAT 3.1: header lines up to and including {@code #!END-HEADER\r\n}, which
 * must be present. AEDAT 4.0: the first line only (its own binary header follows).
 *
 * @param version {@code "2.0"}, {@code "3.1"} or {@code "4.0"}
 * @param dataOffset byte offset of the first byte after the text header
 * @param width sensor width named by the header (default 128)
 * @param height sensor height named by the header (default 128)
 */
record AedatHeader(String version, int dataOffset, int width, int height) {
    private static final String MAGIC = "#!AER-DAT";
    private static final String END = "#!END-HEADER";
    private static final int MAX_LINE = 4096;

    /** Parses the header at the start of {@code data}, the whole file. */
    static AedatHeader parse(byte[] data, String file) {
        return parse(data, 0, data.length, file, true);
    }

    /**
     * Parses the header at the start of a stream whose first {@code length} bytes are {@code data[from, from +
     * length)}; {@code dataOffset} counts from the stream's first byte.
     *
     * @param atEnd no byte follows these: a header they do not complete is an error
     * @return the header, or null when more bytes are needed to complete it (never when {@code atEnd})
     */
    static AedatHeader parse(byte[] data, int from, int length, String file, boolean atEnd) {
        if (length < MAGIC.length() && !atEnd) return null;
        String start = new String(data, from, Math.min(length, MAGIC.length()), StandardCharsets.ISO_8859_1);
        if (!start.equals(MAGIC)) {
            throw new DataFormatException(file, "byte 0: first line expected " + MAGIC + "<version>, was \""
                    + printable(start) + "\"");
        }
        int firstEnd = lineEnd(data, from, length, 0, file, atEnd);
        if (firstEnd < 0) return null;
        String first = line(data, from, 0, firstEnd);
        String version = first.substring(MAGIC.length()).trim();
        if (!version.equals("2.0") && !version.equals("3.1") && !version.equals("4.0")) {
            throw new DataFormatException(file, "byte 0: AEDAT version expected 2.0, 3.1 or 4.0, was \"" + printable(version) + "\"");
        }
        int[] size = {128, 128};
        int off = firstEnd + 1;
        if (version.equals("4.0")) return new AedatHeader(version, off, size[0], size[1]);
        while (true) {
            if (off >= length && !atEnd) return null;
            if (off >= length || data[from + off] != '#') {
                if (version.equals("3.1")) {
                    throw new DataFormatException(file, "byte " + off + ": header line expected " + END + ", was "
                            + (off >= length ? "the end of the file" : "a line not starting with #"));
                }
                return new AedatHeader(version, off, size[0], size[1]);
            }
            int end = lineEnd(data, from, length, off, file, atEnd);
            if (end < 0) return null;
            String text = line(data, from, off, end);
            sensor(text, size);
            off = end + 1;
            if (version.equals("3.1") && text.startsWith(END)) return new AedatHeader(version, off, size[0], size[1]);
        }
    }

    private static void sensor(String line, int[] size) {
        String s = line.toUpperCase(Locale.ROOT);
        if (!s.startsWith("#SOURCE") && !s.contains("AECHIP")) return;
        if (s.contains("DVS128")) set(size, 128, 128);
        else if (s.contains("DAVIS240")) set(size, 240, 180);
        else if (s.contains("DAVIS346")) set(size, 346, 260);
        else if (s.contains("DVXPLORER")) set(size, 640, 480);
    }

    private static void set(int[] size, int w, int h) {
        size[0] = w;
        size[1] = h;
    }

    /** The offset of the {@code \\n} ending the line at {@code at}, or -1 when more bytes are needed. */
    private static int lineEnd(byte[] data, int from, int length, int at, String file, boolean atEnd) {
        int limit = Math.min(length, at + MAX_LINE);
        for (int i = at; i < limit; i++) if (data[from + i] == '\n') return i;
        if (limit == length && !atEnd) return -1;
        throw new DataFormatException(file, "byte " + at + ": header line expected to end with \\n within " + MAX_LINE
                + " bytes, was " + (limit == length ? "cut by the end of the file" : "longer"));
    }

    private static String line(byte[] data, int from, int at, int end) {
        String s = new String(data, from + at, end - at, StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
