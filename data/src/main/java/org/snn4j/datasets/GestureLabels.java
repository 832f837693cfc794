package org.snn4j.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code userXX_lighting_labels.csv} files of DVS128 Gesture: a header line {@code
 * class,startTime_usec,endTime_usec}, then one line per gesture with its class (1-11) and the window of the
 * recording it fills. A window holds the events with {@code start <= t < end}, as SpikingJelly cuts them;
 * its label is {@code class - 1}.
 */
public final class GestureLabels {
    /** Gesture classes. */
    public static final int CLASSES = 11;
    private static final String HEADER = "class,startTime_usec,endTime_usec";

    private GestureLabels() {}

    /** One labelled window: label in {@code [0, 11)}, times in µs. */
    public record Window(int label, long startUs, long endUs) {}

    /** Reads a labels file. */
    public static List<Window> read(Path csv) {
        try {
            return parse(Files.readString(csv, StandardCharsets.ISO_8859_1), csv.toString());
        } catch (NoSuchFileException e) {
            throw new DataFormatException(csv.toString(), "file not found");
        } catch (IOException e) {
            throw new DataFormatException(csv.toString(), "read failed: " + e.getMessage(), e);
        }
    }

    /** Parses the text of a labels file; {@code file} names it in messages. */
    public static List<Window> parse(String text, String file) {
        String[] lines = text.split("\r?\n", -1);
        if (!lines[0].strip().equals(HEADER)) {
            throw new DataFormatException(file, "line 1: header expected " + HEADER + ", was \"" + cut(lines[0]) + "\"");
        }
        List<Window> windows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) continue;
            String[] f = line.split(",", -1);
            if (f.length != 3) {
                throw new DataFormatException(file, "line " + (i + 1) + ": expected 3 comma-separated fields, was " + f.length);
            }
            int cls = (int) number(f[0], file, i, "class");
            long start = number(f[1], file, i, "startTime_usec");
            long end = number(f[2], file, i, "endTime_usec");
            if (cls < 1 || cls > CLASSES) {
                throw new DataFormatException(file, "line " + (i + 1) + ": class expected in [1, " + CLASSES + "], was " + cls);
            }
            if (start < 0 || end < start) {
                throw new DataFormatException(file, "line " + (i + 1) + ": window expected 0 <= start <= end, was [" + start + ", " + end + "]");
            }
            windows.add(new Window(cls - 1, start, end));
        }
        return windows;
    }

    private static long number(String s, String file, int i, String field) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, "line " + (i + 1) + ": " + field + " expected an integer, was \"" + cut(s) + "\"");
        }
    }

    private static String cut(String s) {
        String c = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return c.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
