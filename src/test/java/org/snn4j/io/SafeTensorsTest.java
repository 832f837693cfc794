package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.tensor.Tensor;

class SafeTensorsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsNamesShapesValuesAndMetadata() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("conv1.weight", new Tensor(new float[] {1, -2, 3.5f, Float.MIN_VALUE, 0, 7}, 2, 1, 3));
        t.put("fc.bias", new Tensor(new float[] {0.25f}, 1));
        t.put("empty", Tensor.zeros(0, 4));
        Path f = dir.resolve("m.safetensors");
        SafeTensors.save(f, t, Map.of("format", "snn4j"));
        SafeTensors.Contents c = SafeTensors.load(f);
        assertEquals(t.keySet(), c.tensors().keySet());
        for (String k : t.keySet()) {
            assertArrayEquals(t.get(k).shape(), c.tensors().get(k).shape(), k);
            assertArrayEquals(t.get(k).data(), c.tensors().get(k).data(), k);
        }
        assertEquals("snn4j", c.metadata().get("format"));
    }

    /** A file laid out as the Python library writes it: F16 and BF16 data, metadata, space padding. */
    @Test
    void readsHalfPrecisionWrittenByOtherTools() {
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,1],\"data_offsets\":[4,6]},"
                + "\"c\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[6,14]}}";
        ByteBuffer data = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-2f));
        data.putShort((short) (Float.floatToIntBits(3f) >>> 16));
        data.putLong(-9);
        byte[] bytes = file(json, data.array());
        SafeTensors.Contents c = SafeTensors.read(bytes, "pt.safetensors");
        assertArrayEquals(new float[] {1.5f, -2f}, c.tensors().get("a").data());
        assertArrayEquals(new float[] {3f}, c.tensors().get("b").data());
        assertEquals(0, c.tensors().get("c").rank());
        assertEquals(-9f, c.tensors().get("c").data()[0]);
        assertEquals("pt", c.metadata().get("format"));
    }

    @Test
    void malformedFilesNameTheProblem() {
        assertMessage(new byte[] {1, 2, 3}, "too short");
        byte[] big = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array();
        assertMessage(big, "exceeds the file size");
        assertMessage(file("[1,2]", new byte[0]), "not a JSON object");
        assertMessage(file("{\"a\":", new byte[0]), "not valid JSON");
        assertMessage(file("{\"a\":{\"dtype\":\"Q8\",\"shape\":[1],\"data_offsets\":[0,1]}}", new byte[1]), "unsupported dtype 'Q8'");
        assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]), "need 8");
        assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[4]), "outside the data section");
        assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]), "gap");
        assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]), "data_offsets");
        assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4]), "dimension -1");
        assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", new byte[4]), "not an integer");
    }

    private static void assertMessage(byte[] bytes, String expected) {
        FileFormatException e = assertThrows(FileFormatException.class, () -> SafeTensors.read(bytes, "bad.safetensors"));
        assertTrue(e.getMessage().startsWith("bad.safetensors: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static byte[] file(String json, byte[] data) {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        int padded = (j.length + 7) & ~7;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
        out.writeBytes(j);
        for (int i = j.length; i < padded; i++) out.write(' ');
        out.writeBytes(data);
        return out.toByteArray();
    }
}
