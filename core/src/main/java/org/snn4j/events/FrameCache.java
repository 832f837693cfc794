package org.snn4j.events;

import java.io.DataOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.snn4j.data.Dataset;
import org.snn4j.io.AtomicFile;
import org.snn4j.io.FileFormatException;

/**
 * Frames of an event data set kept on disk, so that a second run reads no raw events: {@link #load}
 * returns the frames {@link EventFrames#of} would make, read from {@code <dir>/<set>-<hash>.frames} when
 * that file exists and written there (atomically) when it does not. The file name's hash and the file's key
 * record the set's name and size, the transforms, the binning and the seed, so other settings use another
 * file. Layout (big-endian): {@code SNN4JFRM}, version 1, the key and the set's name (modified UTF-8 with
 * a 2-byte length), classes, C·T, H, W and the number of samples (ints), a storage byte (0 counts as bytes,
 * 1 floats), the labels (ints), the counts.
 */
public final class FrameCache {
    private static final byte[] MAGIC = "SNN4JFRM".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private FrameCache() {}

    /**
     * The frames of {@code events} as {@link EventFrames#of} makes them, from the cache in {@code dir}.
     *
     * @throws FileFormatException when the cached file is damaged (naming it; delete it to rebuild)
     * @throws org.snn4j.Snn4jException when the directory cannot be written
     */
    public static Dataset load(Path dir, EventDataset events, EventTransform transform, FrameBinning binning, long seed) {
        String key = key(events, transform, binning, seed);
        Path file = file(dir, events.name(), key);
        if (Files.isRegularFile(file)) return parse(FileFormatException.readAll(file), file.toString(), key);
        EventFrames.Frames f = EventFrames.build(events, transform, binning, seed);
        AtomicFile.write(file, out -> write(new DataOutputStream(out), key, f));
        return f.toDataset();
    }

    /** What the frames depend on: the set (name, size), transforms, binning and seed. */
    static String key(EventDataset events, EventTransform transform, FrameBinning binning, long seed) {
        return events.name() + "|" + events.size() + "|" + transform + "|" + binning + "|seed " + seed;
    }

    /** {@code <dir>/<set name, letters and digits only>-<16 hex digits of the key's SHA-256>.frames}. */
    static Path file(Path dir, String name, String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            String safe = name.replaceAll("[^A-Za-z0-9_-]+", "_");
            return dir.resolve(safe + "-" + HexFormat.of().formatHex(hash, 0, 8) + ".frames");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static void write(DataOutputStream out, String key, EventFrames.Frames f) throws java.io.IOException {
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(key);
        out.writeUTF(f.name());
        out.writeInt(f.classes());
        for (int d : f.shape()) out.writeInt(d);
        out.writeInt(f.labels().length);
        out.writeByte(f.floats() == null ? 0 : 1);
        for (int l : f.labels()) out.writeInt(l);
        if (f.floats() == null) {
            out.write(f.bytes());
        } else {
            for (float v : f.floats()) out.writeFloat(v);
        }
        out.flush();
    }

    /**
     * A cached frame file's data set, checked: magic, version, key {@code expectedKey}, sizes against the
     * file's length (nothing is allocated before its bytes are there), labels in range, no trailing bytes.
     *
     * @throws FileFormatException naming {@code source}, the offset and what was expected and found
     */
    public static Dataset parse(byte[] file, String source, String expectedKey) {
        ByteBuffer in = ByteBuffer.wrap(file);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw bad(source, 0, "magic expected SNN4JFRM, was " + HexFormat.of().formatHex(magic));
            int version = in.getInt();
            if (version != VERSION) throw bad(source, 8, "version expected " + VERSION + ", was " + version);
            int at = in.position();
            String key = utf(in, source);
            if (!key.equals(expectedKey)) throw bad(source, at, "written for '" + key + "', expected '" + expectedKey + "'");
            String name = utf(in, source);
            at = in.position();
            int classes = in.getInt(), channels = in.getInt(), height = in.getInt(), width = in.getInt(), n = in.getInt();
            if (classes < 1 || channels < 1 || height < 1 || width < 1 || n < 0) {
                throw bad(source, at, "classes, channels, height and width must be >= 1 and samples >= 0, were " + classes + ", " + channels + ", "
                        + height + ", " + width + ", " + n);
            }
            int storage = in.get();
            if (storage != 0 && storage != 1) throw bad(source, in.position() - 1, "storage expected 0 or 1, was " + storage);
            long values = (long) channels * height * width * n;
            long need = 4L * n + values * (storage == 0 ? 1 : 4);
            if (values > Integer.MAX_VALUE - 8 || need != in.remaining()) {
                throw bad(source, in.position(), n + " samples of " + channels + "x" + height + "x" + width + " need " + need
                        + " more bytes, the file has " + in.remaining());
            }
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = in.getInt();
                if (labels[i] < 0 || labels[i] >= classes) {
                    throw bad(source, in.position() - 4, "label " + i + " expected in [0, " + classes + "), was " + labels[i]);
                }
            }
            if (storage == 0) {
                byte[] counts = new byte[(int) values];
                in.get(counts);
                return Dataset.ofByteCounts(name, counts, labels, classes, channels, height, width);
            }
            float[] counts = new float[(int) values];
            in.asFloatBuffer().get(counts);
            for (int i = 0; i < counts.length; i++) {
                if (!(counts[i] >= 0) || Float.isInfinite(counts[i])) {
                    throw bad(source, in.position() + 4L * i, "count expected finite and >= 0, was " + counts[i]);
                }
            }
            return Dataset.ofFloats(name, counts, labels, classes, channels, height, width);
        } catch (BufferUnderflowException e) {
            throw bad(source, file.length, "file ends early");
        }
    }

    /** A modified UTF-8 string with its 2-byte length, as DataOutputStream.writeUTF writes it. */
    private static String utf(ByteBuffer in, String source) {
        int at = in.position();
        int length = in.getShort() & 0xFFFF;
        if (length > in.remaining()) throw bad(source, at, "string of " + length + " bytes, " + in.remaining() + " left");
        byte[] b = new byte[length];
        in.get(b);
        try {
            return new java.io.DataInputStream(new java.io.ByteArrayInputStream(ByteBuffer.allocate(2 + length)
                    .putShort((short) length).put(b).array())).readUTF();
        } catch (java.io.IOException e) {
            throw bad(source, at, "malformed string: " + e.getMessage());
        }
    }

    private static FileFormatException bad(String source, long offset, String problem) {
        return new FileFormatException(source, "offset " + offset + ": " + problem);
    }
}
