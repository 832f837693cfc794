package org.snn4j.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.snn4j.Snn4jException;
import org.snn4j.io.AtomicFile;
import org.snn4j.tensor.Tensor;

/**
 * The logits of {@code eval --logits FILE}: the readouts of the evaluated samples in data order,
 * collected batch by batch and written as a NumPy {@code .npy} file (format version 1.0): the magic
 * {@code \x93NUMPY}, the bytes 1 and 0, the header's length (uint16, little-endian), the ASCII header
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (N, CLASSES), }} padded with spaces and a
 * newline to a multiple of 64 bytes, then the N·CLASSES float32 values, little-endian, row by row.
 * Each float's bits are written as they are, so two runs' files are byte-identical exactly when their
 * logits are ({@code numpy.load(FILE)} reads it).
 */
final class LogitsFile implements Consumer<Tensor> {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int ALIGNMENT = 64;

    private final List<Tensor> batches = new ArrayList<>();
    private int rows;
    private int classes;

    /** Keeps a batch's readout, {@code [batch, classes]} or {@code [1, batch, classes]} (the caller hands over a copy). */
    @Override
    public void accept(Tensor readout) {
        int r = readout.rank();
        boolean batchByClasses = r == 2 || (r == 3 && readout.dim(0) == 1);
        if (!batchByClasses || (!batches.isEmpty() && readout.dim(r - 1) != classes)) {
            throw new Snn4jException("--logits: the model's readout has shape " + readout.shapeString()
                    + ", expected [batch, " + (batches.isEmpty() ? "classes" : classes) + "]");
        }
        classes = readout.dim(r - 1);
        rows += readout.dim(r - 2);
        batches.add(readout);
    }

    /**
     * The spread of the collected logits: the standard deviation of all N·classes values (population form)
     * and the mean gap between each sample's two largest logits (0 with fewer than two classes).
     *
     * @return {std, mean top-2 gap}
     */
    double[] spread() {
        double sum = 0, sumSq = 0, gaps = 0;
        long count = 0;
        for (Tensor t : batches) {
            float[] v = t.data();
            for (int row = 0; row + classes <= v.length; row += classes) {
                double first = Double.NEGATIVE_INFINITY, second = Double.NEGATIVE_INFINITY;
                for (int c = row; c < row + classes; c++) {
                    sum += v[c];
                    sumSq += (double) v[c] * v[c];
                    if (v[c] > first) {
                        second = first;
                        first = v[c];
                    } else if (v[c] > second) {
                        second = v[c];
                    }
                }
                if (classes > 1) gaps += first - second;
                count += classes;
            }
        }
        if (count == 0) return new double[] {0, 0};
        double mean = sum / count;
        return new double[] {Math.sqrt(Math.max(0, sumSq / count - mean * mean)), gaps / rows};
    }

    /** Atomically writes the collected logits to {@code target}. */
    void write(Path target) {
        byte[] header = header(rows, classes);
        AtomicFile.write(target, out -> {
            out.write(header);
            for (Tensor t : batches) {
                ByteBuffer b = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : t.data()) b.putInt(Float.floatToRawIntBits(v));
                out.write(b.array());
            }
        });
    }

    /** The magic, version, header length and padded header of a little-endian float32 array {@code [rows, classes]}. */
    private static byte[] header(int rows, int classes) {
        String dict = String.format(Locale.ROOT, "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }", rows, classes);
        int prefix = MAGIC.length + 2;
        int padded = (prefix + dict.length() + 1 + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        String text = dict + " ".repeat(padded - prefix - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) text.length()).put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
