package org.snn4j.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.snn4j.Snn4jException;

/**
 * A JSON Lines file (one JSON object per line, UTF-8): each {@link #append} adds one line with a single write
 * and forces it to disk before returning, so a killed process keeps every line it had appended. A last line
 * without a newline (the one a crash may have cut) is skipped by {@link #read} and dropped by the next append.
 */
public final class JsonLines {
    private JsonLines() {}

    /**
     * Appends {@code object} as one line, creating the file (and its directory) when missing.
     *
     * @throws Snn4jException naming the file when it cannot be written
     */
    public static void append(Path file, JsonObject object) {
        byte[] line = (object + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ch.truncate(completeLength(ch));
                ByteBuffer buffer = ByteBuffer.wrap(line);
                long at = ch.size();
                while (buffer.hasRemaining()) at += ch.write(buffer, at);
                ch.force(false);
            }
        } catch (IOException e) {
            throw new Snn4jException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The length of the file up to and including its last newline: a cut last line is left out. */
    private static long completeLength(FileChannel ch) throws IOException {
        long end = ch.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            ch.read(one, end - 1);
            if (one.get(0) == '\n') break;
            end--;
        }
        return end;
    }

    /**
     * The objects of the file's complete lines, in order; none when the file does not exist. Blank lines
     * are skipped.
     *
     * @throws FileFormatException naming the file and line when a complete line is not a JSON object
     */
    public static List<JsonObject> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new Snn4jException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<JsonObject> objects = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {  // the part after the last newline is incomplete (or empty)
            if (lines[i].isBlank()) continue;
            try {
                JsonElement e = JsonParser.parseString(lines[i]);
                if (!e.isJsonObject()) throw new JsonParseException("not an object");
                objects.add(e.getAsJsonObject());
            } catch (JsonParseException e) {
                throw new FileFormatException(file.toString(), "line " + (i + 1) + " is not a JSON object");
            }
        }
        return objects;
    }

    /** Adds {@code value} to {@code o} as {@code field}, or null when it is not finite (JSON has no NaN). */
    public static void putNumber(JsonObject o, String field, double value) {
        if (Double.isFinite(value)) o.addProperty(field, value);
        else o.add(field, com.google.gson.JsonNull.INSTANCE);
    }

    /**
     * Atomically rewrites the file with only the objects {@code keep} accepts (the file stays absent when
     * it was and nothing is kept).
     */
    public static void retain(Path file, Predicate<JsonObject> keep) {
        List<JsonObject> all = read(file);
        if (all.isEmpty() && !Files.exists(file)) return;
        StringBuilder sb = new StringBuilder();
        for (JsonObject o : all) if (keep.test(o)) sb.append(o).append('\n');
        AtomicFile.writeString(file, sb.toString());
    }
}
