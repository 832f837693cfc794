package org.snn4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.snn4j.tensor.Tensor;

/**
 * The SHA-256 of what a model or checkpoint file holds: its metadata strings (sorted by key, the checksum
 * itself left out) and its tensors in file order (name, shape, the float32 bits little-endian). It is
 * computed from the values, not from the bytes, so the writer and the reader compute it the same way
 * whatever the JSON header's layout; a flipped bit in the data or a changed header value changes it.
 */
final class ContentChecksum {
    /** The metadata key that holds the checksum. */
    static final String KEY = "snn4j.sha256";

    private ContentChecksum() {}

    static String of(Map<String, Tensor> tensors, Map<String, String> metadata) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        for (var e : new TreeMap<>(metadata).entrySet()) {
            if (e.getKey().equals(KEY)) continue;
            text(sha, e.getKey());
            text(sha, e.getValue());
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (var e : tensors.entrySet()) {
            text(sha, e.getKey());
            int[] shape = e.getValue().shape();
            buf.clear().putInt(shape.length);
            for (int d : shape) buf.putInt(d);
            sha.update(buf.flip());
            Float32Bytes.stream(e.getValue().data(), buf, sha::update);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void text(MessageDigest sha, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).flip());
        sha.update(b);
    }
}
