package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.tensor.Tensor;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void roundTrip() {
        Tensor w = new Tensor(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor m = new Tensor(new float[] {0.5f, 0.25f}, 2);
        Tensor s = new Tensor(new float[] {7}, 1);
        Checkpoint c = new Checkpoint(Checkpoint.Kind.CHECKPOINT, "{\"name\":\"x\"}", Map.of("train_state", "{\"epoch\":3}"),
                Map.of("fc.weight", w), Map.of("bn.running_mean", m), Map.of("step", s));
        Path f = dir.resolve("run/last.ckpt");
        c.save(f);
        Checkpoint r = Checkpoint.load(f);
        assertEquals(Checkpoint.Kind.CHECKPOINT, r.kind());
        assertEquals("{\"name\":\"x\"}", r.modelSpec());
        assertEquals("{\"epoch\":3}", r.metadata().get("train_state"));
        assertArrayEquals(w.data(), r.parameters().get("fc.weight").data());
        assertArrayEquals(m.data(), r.buffers().get("bn.running_mean").data());
        assertArrayEquals(s.data(), r.optimizerState().get("step").data());
    }

    @Test
    void foreignOrMissingFilesAreRefused() throws Exception {
        Path missing = dir.resolve("nope.ckpt");
        assertTrue(assertThrows(FileFormatException.class, () -> Checkpoint.load(missing)).getMessage().endsWith("no such file"));
        Path plain = dir.resolve("plain.safetensors");
        SafeTensors.save(plain, Map.of("w", Tensor.zeros(1)), Map.of());
        assertTrue(assertThrows(FileFormatException.class, () -> Checkpoint.load(plain)).getMessage().contains("not an snn4j model"));
        Path text = dir.resolve("text.ckpt");
        Files.writeString(text, "hello world, not a checkpoint");
        assertThrows(FileFormatException.class, () -> Checkpoint.load(text));
    }

    @Test
    void aFlippedByteInTheDataOrAChangedHeaderValueIsReportedAsCorrupt() throws Exception {
        Tensor w = new Tensor(new float[] {1, 2, 3, 4}, 2, 2);
        Checkpoint c = new Checkpoint(Checkpoint.Kind.MODEL, "{\"name\":\"x\"}", Map.of("train_state", "{\"epochs_done\":3}"),
                Map.of("fc.weight", w), Map.of(), Map.of());
        Path f = dir.resolve("m.snn4j");
        c.save(f);
        byte[] good = Files.readAllBytes(f);
        assertEquals(Map.of("train_state", "{\"epochs_done\":3}"), Checkpoint.load(f).metadata(), "the checksum is not metadata");
        String corrupt = f + ": is corrupt: its content does not match its checksum (snn4j.sha256)";

        byte[] flipped = good.clone();
        flipped[flipped.length - 3] ^= 0x04;  // a bit of the last weight's float32
        Files.write(f, flipped);
        assertEquals(corrupt, assertThrows(FileFormatException.class, () -> Checkpoint.load(f)).getMessage());

        byte[] edited = new String(good, StandardCharsets.ISO_8859_1).replace("\\\"epochs_done\\\":3", "\\\"epochs_done\\\":4")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(good.length, edited.length);
        assertTrue(!java.util.Arrays.equals(good, edited), "the header value was edited");
        Files.write(f, edited);
        assertEquals(corrupt, assertThrows(FileFormatException.class, () -> Checkpoint.load(f)).getMessage());
    }
}
