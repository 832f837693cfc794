package org.snn4j.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Writers of small files in the exact published formats, for the reader tests (and the CLI's bad-input tests). */
public final class DataFiles {
    private DataFiles() {}

    public static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The four MNIST IDX files (raw, by their published names) holding {@code n} 28×28 training and
     * {@code n} test images with labels {@code i % 10}.
     */
    public static java.util.Map<String, byte[]> smallMnist(int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = i % 10;
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("train-images-idx3-ubyte", idxImages(pixels(n * 784, 1), n, 28, 28));
        files.put("train-labels-idx1-ubyte", idxLabels(labels));
        files.put("t10k-images-idx3-ubyte", idxImages(pixels(n * 784, 2), n, 28, 28));
        files.put("t10k-labels-idx1-ubyte", idxLabels(labels));
        return files;
    }

    /** IDX images: magic 2051, n, rows, cols (big-endian), then the pixels. */
    static byte[] idxImages(byte[] pixels, int n, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(2051).putInt(n).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    /** IDX labels: magic 2049, n, then one byte each. */
    static byte[] idxLabels(int[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(2049).putInt(labels.length);
        for (int l : labels) b.put((byte) l);
        return b.array();
    }

    /** Deterministic pseudo-random pixel bytes. */
    static byte[] pixels(int count, int salt) {
        byte[] p = new byte[count];
        for (int i = 0; i < count; i++) p[i] = (byte) ((i * 31 + salt * 17 + (i >>> 5)) & 0xFF);
        return p;
    }

    /** CIFAR binary records: label byte(s), then 3072 channel-major pixel bytes per record. */
    static byte[] cifar(int[][] labelBytes, byte[] pixels) {
        int n = labelBytes.length, lb = labelBytes[0].length;
        byte[] out = new byte[n * (lb + 3072)];
        for (int i = 0; i < n; i++) {
            int off = i * (lb + 3072);
            for (int j = 0; j < lb; j++) out[off + j] = (byte) labelBytes[i][j];
            System.arraycopy(pixels, i * 3072, out, off + lb, 3072);
        }
        return out;
    }

    /** Builds a MAT v5 file: header, then elements appended with {@link #matrix} or {@link #compressed}. */
    static final class Mat {
        private final ByteOrder order;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Mat(ByteOrder order) {
            this.order = order;
            byte[] h = new byte[128];
            Arrays.fill(h, 0, 116, (byte) ' ');
            byte[] text = "MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: Sun Nov 22 2026".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, h, 0, text.length);
            ByteBuffer b = ByteBuffer.wrap(h).order(order);
            b.putShort(124, (short) 0x0100);
            // the characters 'M','I' written as one int16: "IM" on disk in a little-endian file
            b.putShort(126, (short) ('M' << 8 | 'I'));
            out.writeBytes(h);
        }

        /** Appends an uncompressed miMATRIX element. */
        Mat matrix(String name, int mxClass, int[] dims, int storageType, byte[] data) {
            out.writeBytes(matrixElement(name, mxClass, dims, storageType, data));
            return this;
        }

        /** Appends an miCOMPRESSED element holding the zlib-compressed miMATRIX element (unpadded). */
        Mat compressed(String name, int mxClass, int[] dims, int storageType, byte[] data) {
            byte[] inner = matrixElement(name, mxClass, dims, storageType, data);
            Deflater d = new Deflater();
            d.setInput(inner);
            d.finish();
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!d.finished()) z.write(buf, 0, d.deflate(buf));
            d.end();
            out.writeBytes(tag(15, z.size()));
            out.writeBytes(z.toByteArray());
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private byte[] matrixElement(String name, int mxClass, int[] dims, int storageType, byte[] data) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            ByteBuffer flags = ByteBuffer.allocate(8).order(order).putInt(mxClass).putInt(0);
            body.writeBytes(element(6, flags.array()));
            ByteBuffer d = ByteBuffer.allocate(4 * dims.length).order(order);
            for (int x : dims) d.putInt(x);
            body.writeBytes(element(5, d.array()));
            byte[] nm = name.getBytes(StandardCharsets.US_ASCII);
            body.writeBytes(nm.length <= 4 ? small(1, nm) : element(1, nm));
            body.writeBytes(element(storageType, data));
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            m.writeBytes(tag(14, body.size()));
            m.writeBytes(body.toByteArray());
            return m.toByteArray();
        }

        private byte[] tag(int type, int n) {
            return ByteBuffer.allocate(8).order(order).putInt(type).putInt(n).array();
        }

        private byte[] element(int type, byte[] data) {
            int padded = (data.length + 7) & ~7;
            ByteBuffer b = ByteBuffer.allocate(8 + padded).order(order);
            b.putInt(type).putInt(data.length).put(data);
            return b.array();
        }

        private byte[] small(int type, byte[] data) {
            ByteBuffer b = ByteBuffer.allocate(8).order(order);
            b.putInt(data.length << 16 | type).put(data);
            return b.array();
        }

        /** Values as the bytes of storage type miDOUBLE in this file's order. */
        byte[] doubles(double... v) {
            ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
            for (double x : v) b.putDouble(x);
            return b.array();
        }
    }

    /**
     * SVHN-style X bytes [32, 32, 3, n] column-major from row-major [n, 3, 32, 32] pixels:
     * {@code X(h, w, c, s)} at {@code h + 32 w + 1024 c + 3072 s}.
     */
    static byte[] svhnX(byte[] rowMajor, int n) {
        byte[] x = new byte[rowMajor.length];
        for (int s = 0; s < n; s++)
            for (int c = 0; c < 3; c++)
                for (int h = 0; h < 32; h++)
                    for (int w = 0; w < 32; w++)
                        x[h + 32 * w + 1024 * c + 3072 * s] = rowMajor[s * 3072 + c * 1024 + h * 32 + w];
        return x;
    }
}
