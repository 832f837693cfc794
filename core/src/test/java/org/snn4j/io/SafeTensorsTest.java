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
import org.snn4j.PythonScripts;
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

    /**
     * Byte for byte what the Python library (its Rust core) writes for these tensors: {@code __metadata__}
     * first, tensors sorted by descending dtype then name with contiguous offsets, compact JSON (fields
     * dtype, shape, data_offsets) padded with spaces to a multiple of 8, little-endian data.
     */
    @Test
    void readsAFileLaidOutAsThePythonLibraryWritesIt() {
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"step\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                + "\"weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[16,32]},"
                + "\"half\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[32,34]},"
                + "\"count\":{\"dtype\":\"U16\",\"shape\":[2],\"data_offsets\":[34,38]},"
                + "\"e4\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[38,40]},"
                + "\"e5\":{\"dtype\":\"F8_E5M2\",\"shape\":[1],\"data_offsets\":[40,41]},"
                + "\"mask\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[41,44]}}";
        ByteBuffer data = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        data.putLong(7);
        data.putFloat(0.5f).putFloat(-0.25f);
        data.putFloat(1).putFloat(2).putFloat(3).putFloat(4);
        data.putShort(Float.floatToFloat16(-1.5f));
        data.putShort((short) 65535).putShort((short) 3);
        data.put((byte) 0x38).put((byte) 0xC4);          // E4M3: 1.0 and -(1 + 4/8)·2^(8-7) = -3.0
        data.put((byte) 0x3C);                            // E5M2: the top byte of half-precision 1.0
        data.put((byte) 1).put((byte) 0).put((byte) 1);
        byte[] bytes = file(json, data.array());
        assertEquals(0, (bytes.length - 8 - 44) % 8, "header padded to a multiple of 8");
        SafeTensors.Contents c = SafeTensors.read(bytes, "python.safetensors");
        assertEquals(java.util.List.of("step", "bias", "weight", "half", "count", "e4", "e5", "mask"), java.util.List.copyOf(c.tensors().keySet()));
        assertEquals(7f, c.tensors().get("step").data()[0]);
        assertArrayEquals(new float[] {0.5f, -0.25f}, c.tensors().get("bias").data());
        assertArrayEquals(new int[] {2, 2}, c.tensors().get("weight").shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, c.tensors().get("weight").data());
        assertArrayEquals(new float[] {-1.5f}, c.tensors().get("half").data());
        assertArrayEquals(new float[] {65535, 3}, c.tensors().get("count").data());
        assertArrayEquals(new float[] {1, -3}, c.tensors().get("e4").data());
        assertArrayEquals(new float[] {1}, c.tensors().get("e5").data());
        assertArrayEquals(new float[] {1, 0, 1}, c.tensors().get("mask").data());
        assertEquals(Map.of("format", "pt"), c.metadata());
    }

    /** What snn4j writes, read by tests/interop/check_safetensors.py (json + numpy only), when python3 has numpy. */
    @Test
    void pythonReadsWhatSnn4jWrites() throws Exception {
        String python = PythonScripts.pythonWith("numpy");
        org.junit.jupiter.api.Assumptions.assumeTrue(python != null, "python3 with numpy not installed");
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("conv1.weight", new Tensor(new float[] {1, -2, 3.5f, 0.25f, 0, 7}, 2, 1, 3));
        t.put("fc.bias", new Tensor(new float[] {0.125f}, 1));
        Path f = dir.resolve("snn4j.safetensors");
        SafeTensors.save(f, t, Map.of("snn4j.mode", "snn"));
        PythonScripts.Result r = PythonScripts.run(python, "interop/check_safetensors.py", f.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("conv1.weight F32 [2, 1, 3] 9.750000\nfc.bias F32 [1] 0.125000\nmetadata {\"snn4j.mode\": \"snn\"}\n", r.output());
    }

    @Test
    void truncatedFilesAndWrongDtypesNameTheProblem() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", new Tensor(new float[] {1, 2, 3, 4}, 4));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            SafeTensors.write(out, t, Map.of());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        byte[] whole = out.toByteArray();
        assertMessage(java.util.Arrays.copyOf(whole, 20), "exceeds the file size 20 (truncated file?)");
        assertMessage(java.util.Arrays.copyOf(whole, whole.length - 4), "truncated file?");
        assertMessage(java.util.Arrays.copyOf(whole, 7), "too short");
        assertMessage(file("{\"w\":{\"dtype\":\"float32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]),
                "unsupported dtype 'float32' (valid: F64, F32, F16");
        assertMessage(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]), "shape and F64 need 8");
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

    /** Fuzz findings: a name holding a newline, shape products beyond 2^31, exponents Gson refuses to parse. */
    @Test
    void fuzzFindingsAreOneLineFormatErrors() {
        FileFormatException e = assertThrows(FileFormatException.class, () -> SafeTensors.read(
                file("{\"a\\nb\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]), "bad.safetensors"));
        assertEquals("bad.safetensors: tensor 'a\\nb' has 4 bytes, shape and F32 need 8", e.getMessage());
        assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536,65536,65536,0],\"data_offsets\":[0,0]}}", new byte[0]),
                "holds more than 2^31-1 values");
        assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1e99999999999],\"data_offsets\":[0,4]}}", new byte[4]),
                "field 'shape' holds 1e99999999999, not an integer");
    }
}
