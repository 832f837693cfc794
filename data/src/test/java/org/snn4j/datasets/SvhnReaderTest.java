package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.data.Dataset;

class SvhnReaderTest {
    @TempDir
    Path dir;

    private static final int N = 3;
    private static final byte[] ROW_MAJOR = DataFiles.pixels(N * 3072, 5);
    private static final byte[] X = DataFiles.svhnX(ROW_MAJOR, N);
    private static final int UINT8 = 9, DOUBLE = 6, MI_UINT8 = 2, MI_DOUBLE = 9;

    private void checkDigits(Dataset d) {
        assertEquals(N, d.size());
        assertEquals(10, d.numClasses());
        assertArrayEquals(new int[] {3, 32, 32}, d.sampleShape());
        assertArrayEquals(new int[] {0, 1, 9}, d.labels()); // y = 10 means the digit 0
        for (int s = 0; s < N; s++) {
            float[] img = d.sample(s);
            for (int j = 0; j < 3072; j++) assertEquals((ROW_MAJOR[s * 3072 + j] & 0xFF) / 255f, img[j]);
        }
    }

    @Test
    void readsUncompressedLittleEndianWithDoubleLabels() throws Exception {
        DataFiles.Mat m = new DataFiles.Mat(ByteOrder.LITTLE_ENDIAN);
        m.matrix("X", UINT8, new int[] {32, 32, 3, N}, MI_UINT8, X).matrix("y", DOUBLE, new int[] {N, 1}, MI_DOUBLE, m.doubles(10, 1, 9));
        Path f = Files.write(dir.resolve("train_32x32.mat"), m.bytes());
        byte[] raw = Files.readAllBytes(f);
        assertEquals('I', raw[126]);
        assertEquals('M', raw[127]);
        checkDigits(SvhnReader.read("svhn", f));
    }

    @Test
    void readsBigEndianAndNarrowStorageOfDoubles() throws Exception {
        DataFiles.Mat m = new DataFiles.Mat(ByteOrder.BIG_ENDIAN);
        // MATLAB stores a double array of small integers as miUINT8
        m.matrix("X", UINT8, new int[] {32, 32, 3, N}, MI_UINT8, X).matrix("y", DOUBLE, new int[] {N, 1}, MI_UINT8, new byte[] {10, 1, 9});
        Path f = Files.write(dir.resolve("be.mat"), m.bytes());
        checkDigits(SvhnReader.read("svhn", f));
    }

    @Test
    void readsCompressedElements() throws Exception {
        DataFiles.Mat m = new DataFiles.Mat(ByteOrder.LITTLE_ENDIAN);
        m.compressed("y", DOUBLE, new int[] {N, 1}, MI_DOUBLE, m.doubles(10, 1, 9)).compressed("X", UINT8, new int[] {32, 32, 3, N}, MI_UINT8, X);
        Path f = Files.write(dir.resolve("c.mat"), m.bytes());
        Map<String, MatArray> vars = MatFile.read(f);
        assertEquals("[y, X]", vars.keySet().toString());
        assertEquals("uint8", vars.get("X").className());
        assertArrayEquals(new double[] {10, 1, 9}, vars.get("y").doubles());
        checkDigits(SvhnReader.read("svhn", f));
    }

    @Test
    void longNamesAndOtherNumericTypesRead() {
        DataFiles.Mat m = new DataFiles.Mat(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer i16 = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putShort((short) -3).putShort((short) 7).putShort((short) 300);
        m.matrix("a_long_name", 10, new int[] {1, 3}, 3, i16.array());
        MatArray a = MatFile.read(ByteBuffer.wrap(m.bytes()), "t.mat").get("a_long_name");
        assertArrayEquals(new double[] {-3, 7, 300}, a.doubles());
        assertArrayEquals(new int[] {1, 3}, a.dims());
        assertEquals("t.mat: variable 'a_long_name' expected class uint8, was int16",
                assertThrows(DataFormatException.class, a::uint8).getMessage());
    }

    private String error(byte[] file) {
        return assertThrows(DataFormatException.class,
                () -> SvhnReader.read("s", MatFile.read(ByteBuffer.wrap(file), "s.mat"), "s.mat")).getMessage();
    }

    @Test
    void missingVariablesWrongDimsAndCountsAreNamed() {
        DataFiles.Mat noX = new DataFiles.Mat(ByteOrder.LITTLE_ENDIAN);
        noX.matrix("y", DOUBLE, new int[] {N, 1}, MI_DOUBLE, noX.doubles(10, 1, 9));
        assertEquals("s.mat: missing variable 'X' (variables: [y])", error(noX.bytes()));

        DataFiles.Mat dims = new DataFiles.Mat(ByteOrder.LITTLE_ENDIAN);
        dims.matrix("X", UINT8, new int[] {32, 32, 1, 3 * N}, MI_UINT8, X).matrix("y", DOUBLE, new int[] {N, 1}, MI_DOUBLE, dims.doubles(10, 1, 9));
        assertEquals("s.mat: variable 'X' dims expected [32, 32, 3, N], was [32, 32, 1, 9]", error(dims.bytes()));

        DataFiles.Mat count = new DataFiles.Mat(ByteOrder.LITTLE_ENDIAN);
        count.matrix("X", UINT8, new int[] {32, 32, 3, N}, MI_UINT8, X).matrix("y", DOUBLE, new int[] {2, 1}, MI_DOUBLE, count.doubles(10, 1));
        assertEquals("s.mat: 2 labels but 3 images", error(count.bytes()));

        DataFiles.Mat range = new DataFiles.Mat(ByteOrder.LITTLE_ENDIAN);
        range.matrix("X", UINT8, new int[] {32, 32, 3, N}, MI_UINT8, X).matrix("y", DOUBLE, new int[] {N, 1}, MI_DOUBLE, range.doubles(10, 0, 9));
        assertEquals("s.mat: label 0.0 at index 1 out of range [1, 10]", error(range.bytes()));

        DataFiles.Mat xDouble = new DataFiles.Mat(ByteOrder.LITTLE_ENDIAN);
        xDouble.matrix("X", DOUBLE, new int[] {32, 32, 3, 0}, MI_DOUBLE, new byte[0]).matrix("y", DOUBLE, new int[] {0, 1}, MI_DOUBLE, new byte[0]);
        assertEquals("s.mat: variable 'X' expected class uint8, was double", error(xDouble.bytes()));
    }

    @Test
    void malformedFilesGiveOneLineErrors() {
        DataFiles.Mat m = new DataFiles.Mat(ByteOrder.LITTLE_ENDIAN);
        m.matrix("X", UINT8, new int[] {32, 32, 3, N}, MI_UINT8, X);
        byte[] good = m.bytes();
        String cut = assertThrows(DataFormatException.class,
                () -> MatFile.read(ByteBuffer.wrap(Arrays.copyOf(good, 5000)), "s.mat")).getMessage();
        assertEquals("s.mat: truncated after 5000 of " + good.length + " bytes (element at offset 128)", cut);

        byte[] header = Arrays.copyOf(good, 100);
        assertEquals("s.mat: truncated after 100 of 128 header bytes", assertThrows(DataFormatException.class,
                () -> MatFile.read(ByteBuffer.wrap(header), "s.mat")).getMessage());

        byte[] badEndian = good.clone();
        badEndian[126] = 'X';
        assertTrue(assertThrows(DataFormatException.class, () -> MatFile.read(ByteBuffer.wrap(badEndian), "s.mat"))
                .getMessage().startsWith("s.mat: not a MAT v5 file"));

        byte[] v73 = good.clone();
        System.arraycopy("MATLAB 7.3 MAT-file".getBytes(), 0, v73, 0, 19);
        assertEquals("s.mat: MATLAB v7.3 (HDF5) files are not supported; save with -v7 or -v6",
                assertThrows(DataFormatException.class, () -> MatFile.read(ByteBuffer.wrap(v73), "s.mat")).getMessage());

        DataFiles.Mat z = new DataFiles.Mat(ByteOrder.LITTLE_ENDIAN);
        z.compressed("X", UINT8, new int[] {32, 32, 3, N}, MI_UINT8, X);
        byte[] zb = z.bytes();
        // cut the zlib stream but fix the element's byte count so only the inflater notices
        byte[] zcut = Arrays.copyOf(zb, zb.length - 40);
        ByteBuffer.wrap(zcut).order(ByteOrder.LITTLE_ENDIAN).putInt(132, zcut.length - 136);
        String m2 = assertThrows(DataFormatException.class, () -> MatFile.read(ByteBuffer.wrap(zcut), "s.mat")).getMessage();
        assertTrue(m2.startsWith("s.mat: compressed element at offset 128 truncated after "), m2);

        Path missing = dir.resolve("test_32x32.mat");
        assertEquals(missing + ": file not found",
                assertThrows(DataFormatException.class, () -> SvhnReader.read("s", missing)).getMessage());
    }

    @Test
    void wrongRealPartSizeIsRejected() {
        DataFiles.Mat m = new DataFiles.Mat(ByteOrder.LITTLE_ENDIAN);
        m.matrix("X", UINT8, new int[] {32, 32, 3, 2}, MI_UINT8, X);
        assertEquals("s.mat: variable 'X': real part holds 9216 values, dims [32, 32, 3, 2] need 6144",
                assertThrows(DataFormatException.class, () -> MatFile.read(ByteBuffer.wrap(m.bytes()), "s.mat")).getMessage());
    }

    /** A compressed element whose inner tag declares ~2 GiB over a few bytes of zlib is truncated, not allocated. */
    @Test
    void compressedElementDeclaringGigabytesIsTruncatedNotAllocated() {
        byte[] inner = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(14).putInt(Integer.MAX_VALUE - 100).array();
        java.util.zip.Deflater d = new java.util.zip.Deflater();
        d.setInput(inner);
        d.finish();
        byte[] z = new byte[64];
        int zn = d.deflate(z);
        d.end();
        byte[] head = new DataFiles.Mat(ByteOrder.LITTLE_ENDIAN).bytes();
        ByteBuffer f = ByteBuffer.allocate(head.length + 8 + zn).order(ByteOrder.LITTLE_ENDIAN);
        f.put(head).putInt(15).putInt(zn).put(z, 0, zn);
        assertEquals("s.mat: compressed element at offset 128 truncated after 8 of 2147483547 bytes",
                assertThrows(DataFormatException.class, () -> MatFile.read(ByteBuffer.wrap(f.array()), "s.mat")).getMessage());
    }

    /** Fuzz finding (seed SvhnReaderFuzzTestInputs/mat/regression-newline-in-variable-name): the message stays one line. */
    @Test
    void variableNamesWithLineBreaksStayOnOneLine() {
        DataFiles.Mat m = new DataFiles.Mat(ByteOrder.LITTLE_ENDIAN);
        m.matrix("X\nY", UINT8, new int[] {32, 32, 3, 2}, MI_UINT8, X);
        assertEquals("s.mat: variable 'X\\nY': real part holds 9216 values, dims [32, 32, 3, 2] need 6144",
                assertThrows(DataFormatException.class, () -> MatFile.read(ByteBuffer.wrap(m.bytes()), "s.mat")).getMessage());
    }
}
