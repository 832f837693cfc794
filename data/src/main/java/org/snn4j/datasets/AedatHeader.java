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

    /** Parses the header at the start of {@code data}. */
    static AedatHeader parse(byte[] data, String file) {
        String start = new String(data, 0, Math.min(data.length, MAGIC.length()), StandardCharsets.ISO_8859_1);
        if (!start.equals(MAGIC)) {
            throw new DataFormatException(file, "byte 0: first line expected " + MAGIC + "<version>, was \""
                    + printable(start) + "\"");
        }
        int firstEnd = lineEnd(data, 0, file);
        String first = line(data, 0, firstEnd);
        String version = first.substring(MAGIC.length()).trim();
        if (!version.equals("2.0") && !version.equals("3.1") && !version.equals("4.0")) {
            throw new DataFormatException(file, "byte 0: AEDAT version expected 2.0, 3.1 or 4.0, was \"" + printable(version) + "\"");
        }
        int[] size = {128, 128};
        int off = firstEnd + 1;
        if (version.equals("4.0")) return new AedatHeader(version, off, size[0], size[1]);
        while (true) {
            if (off >= data.length || data[off] != '#') {
                if (version.equals("3.1")) {
                    throw new DataFormatException(file, "byte " + off + ": header line expected " + END + ", was "
                            + (off >= data.length ? "the end of the file" : "a line not starting with #"));
                }
                return new AedatHeader(version, off, size[0], size[1]);
            }
            int end = lineEnd(data, off, file);
            String text = line(data, off, end);
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

    private static int lineEnd(byte[] data, int from, String file) {
        int limit = Math.min(data.length, from + MAX_LINE);
        for (int i = from; i < limit; i++) if (data[i] == '\n') return i;
        throw new DataFormatException(file, "byte " + from + ": header line expected to end with \\n within " + MAX_LINE
                + " bytes, was " + (limit == data.length ? "cut by the end of the file" : "longer"));
    }

    private static String line(byte[] data, int from, int end) {
        String s = new String(data, from, end - from, StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
