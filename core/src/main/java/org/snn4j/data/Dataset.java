package org.snn4j.data;

import java.util.Arrays;
import java.util.Objects;
import org.snn4j.tensor.Tensor;

/**
 * An in-memory labelled image set: {@code size()} samples of shape {@code [C, H, W]}, each with an
 * integer label in {@code [0, numClasses)}.
 *
 * <p>Images are stored either as unsigned bytes (pixel value {@code v / 255}, a quarter of the memory;
 * what the readers produce) or as floats (any values, e.g. already normalized). Samples lie one after
 * the other, row-major, so sample {@code i} occupies {@code [i·S, (i+1)·S)} with {@code S = C·H·W}.
 * A data set is immutable; {@link #copyBatch} is safe to call from several threads.
 *
 * <p>A streaming set ({@link #ofSource}) holds only its labels and a {@link SampleSource} that makes
 * each sample when it is copied (e.g. decodes an image file), so its memory does not grow with its
 * pixels; a {@link DataLoader} then decodes on its prefetch thread, batch by batch.
 */
public final class Dataset {
    /** {@code BYTE_TO_UNIT[v] = v / 255f}: the exact float of every byte pixel. */
    private static final float[] BYTE_TO_UNIT = new float[256];

    static {
        for (int v = 0; v < 256; v++) BYTE_TO_UNIT[v] = v / 255f;
    }

    /** {@code BYTE_TO_COUNT[v] = v}: bytes that are counts (event frames), not pixels. */
    private static final float[] BYTE_TO_COUNT = new float[256];

    static {
        for (int v = 0; v < 256; v++) BYTE_TO_COUNT[v] = v;
    }

    private final String name;
    private final byte[] bytes;
    /** The value of each byte: {@link #BYTE_TO_UNIT} for pixels, {@link #BYTE_TO_COUNT} for counts. */
    private final float[] byteValues;
    private final float[] floats;
    private final SampleSource source;
    private final int[] labels;
    private final int numClasses;
    private final int[] sampleShape;
    private final int sampleSize;

    private Dataset(String name, byte[] bytes, float[] floats, int[] labels, int numClasses, int[] sampleShape) {
        this(name, bytes, BYTE_TO_UNIT, floats, null, labels, numClasses, sampleShape);
    }

    private Dataset(String name, byte[] bytes, float[] byteValues, float[] floats, SampleSource source, int[] labels,
                    int numClasses, int[] sampleShape) {
        this.byteValues = byteValues;
        this.name = Objects.requireNonNull(name, "name");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (sampleShape.length != 3) {
            throw new IllegalArgumentException("sample shape must be [C, H, W], was " + Arrays.toString(sampleShape));
        }
        long s = 1;
        for (int d : sampleShape) {
            if (d <= 0) throw new IllegalArgumentException("sample shape " + Arrays.toString(sampleShape));
            s *= d;
        }
        if (numClasses <= 0) throw new IllegalArgumentException("numClasses " + numClasses);
        long stored = bytes != null ? bytes.length : floats != null ? floats.length : s * labels.length;
        if (stored != s * labels.length) {
            throw new IllegalArgumentException(labels.length + " samples of " + Arrays.toString(sampleShape)
                    + " need " + s * labels.length + " values, have " + stored);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " at " + i + " outside [0, " + numClasses + ")");
            }
        }
        this.bytes = bytes;
        this.floats = floats;
        this.source = source;
        this.numClasses = numClasses;
        this.sampleShape = sampleShape.clone();
        this.sampleSize = (int) s;
    }

    /**
     * A data set over unsigned byte pixels (value {@code (b & 0xFF) / 255}).
     *
     * @param pixels {@code size·C·H·W} bytes, sample after sample (kept, not copied)
     * @param labels one label per sample, each in {@code [0, numClasses)} (kept, not copied)
     * @param sampleShape {@code [C, H, W]}
     */
    public static Dataset ofBytes(String name, byte[] pixels, int[] labels, int numClasses, int... sampleShape) {
        return new Dataset(name, Objects.requireNonNull(pixels, "pixels"), null, labels, numClasses, sampleShape);
    }

    /**
     * A data set of small counts stored as unsigned bytes whose value is the count itself ({@code b & 0xFF},
     * 0 to 255; not divided by 255): event frames, a quarter of the memory of floats. Otherwise as
     * {@link #ofBytes}.
     */
    public static Dataset ofByteCounts(String name, byte[] counts, int[] labels, int numClasses, int... sampleShape) {
        return new Dataset(name, Objects.requireNonNull(counts, "counts"), BYTE_TO_COUNT, null, null, labels, numClasses, sampleShape);
    }

    /** A data set over float pixels (kept, not copied); otherwise as {@link #ofBytes}. */
    public static Dataset ofFloats(String name, float[] pixels, int[] labels, int numClasses, int... sampleShape) {
        return new Dataset(name, null, Objects.requireNonNull(pixels, "pixels"), labels, numClasses, sampleShape);
    }

    /**
     * A streaming data set: sample {@code i} is made by {@code source} each time it is copied.
     *
     * @param labels one label per sample, each in {@code [0, numClasses)} (kept, not copied)
     * @param sampleShape {@code [C, H, W]}
     */
    public static Dataset ofSource(String name, SampleSource source, int[] labels, int numClasses, int... sampleShape) {
        return new Dataset(name, null, BYTE_TO_UNIT, null, Objects.requireNonNull(source, "source"), labels, numClasses, sampleShape);
    }

    public String name() {
        return name;
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** {@code [C, H, W]} (a copy). */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** {@code C·H·W}. */
    public int sampleSize() {
        return sampleSize;
    }

    public int numClasses() {
        return numClasses;
    }

    /** The label of sample {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** All labels (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** Number of samples per class, indexed by label. */
    public int[] classCounts() {
        int[] c = new int[numClasses];
        for (int l : labels) c[l]++;
        return c;
    }

    /**
     * Refuses a set without samples, on which evaluation would report an accuracy of 0 and training a
     * loss of 0.
     *
     * @return this set
     * @throws org.snn4j.Snn4jException {@code <name>: the data set holds no samples}
     */
    public Dataset requireSamples() {
        if (size() == 0) throw new org.snn4j.Snn4jException(name + ": the data set holds no samples");
        return this;
    }

    /**
     * Refuses a set a classifier cannot be trained on: no samples, or every sample of one class (a
     * network would learn to answer that class). Evaluating on one class is fine.
     *
     * @return this set
     * @throws org.snn4j.Snn4jException naming the set and, for one class, the class and the sample count
     */
    public Dataset requireTrainable() {
        requireSamples();
        int[] counts = classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == size()) {
                throw new org.snn4j.Snn4jException(name + ": all " + size() + " samples are of class " + c
                        + "; training needs at least two classes");
            }
        }
        return this;
    }

    /** True when samples are made on demand by a {@link SampleSource} rather than held in memory. */
    public boolean isStreaming() {
        return source != null;
    }

    /** True when pixels are stored as bytes of values {@code k / 255} (not {@link #ofByteCounts}). */
    public boolean isBytePixels() {
        return bytes != null && byteValues == BYTE_TO_UNIT;
    }

    /** Sample {@code i} as a fresh {@code float[C·H·W]}. */
    public float[] sample(int i) {
        Objects.checkIndex(i, labels.length);
        float[] out = new float[sampleSize];
        copySample(i, out, 0, 0);
        return out;
    }

    /**
     * Copies samples {@code indices[from .. from+count)} into {@code images} ({@code [count, C, H, W]},
     * written) and their labels into {@code labels[0 .. count)} (written; may be null). No allocation.
     *
     * @throws IllegalArgumentException when {@code images} does not have shape {@code [count, C, H, W]}
     */
    public void copyBatch(int[] indices, int from, int count, Tensor images, int[] labels) {
        copyBatch(indices, from, count, images, labels, 0);
    }

    /**
     * As {@link #copyBatch(int[], int, int, Tensor, int[])}, with the draw of a streaming set's random
     * augmentation: with {@code seed != 0} the {@code k}-th copied sample gets a non-zero seed mixed from
     * {@code (seed, k)}; with 0 every sample gets 0 (no augmentation). An in-memory set ignores {@code seed}.
     */
    public void copyBatch(int[] indices, int from, int count, Tensor images, int[] labels, long seed) {
        copyBatch(indices, from, count, images, labels, seed, 0);
    }

    /**
     * As {@link #copyBatch(int[], int, int, Tensor, int[], long)} for part of a batch that starts at the batch's
     * {@code position}-th sample: the {@code k}-th copied sample draws as the batch's {@code (position + k)}-th,
     * so a machine that copies part of a batch augments it as the whole batch's copy would.
     */
    public void copyBatch(int[] indices, int from, int count, Tensor images, int[] labels, long seed, int position) {
        Objects.checkFromIndexSize(from, count, indices.length);
        if (images.rank() != 4 || images.dim(0) != count || images.sizeFrom(1) != sampleSize
                || !Arrays.equals(images.shapeFrom(1), sampleShape)) {
            throw new IllegalArgumentException("batch tensor expected " + Arrays.toString(
                    Tensor.concat(new int[] {count}, sampleShape)) + ", was " + images.shapeString());
        }
        if (labels != null && labels.length < count) {
            throw new IllegalArgumentException("labels array holds " + labels.length + ", need " + count);
        }
        float[] dst = images.data();
        for (int k = 0; k < count; k++) {
            int i = indices[from + k];
            Objects.checkIndex(i, this.labels.length);
            copySample(i, dst, k * sampleSize, source == null || seed == 0 ? 0 : DataLoader.mix(seed, position + k) | 1);
            if (labels != null) labels[k] = this.labels[i];
        }
    }

    /** Samples {@code indices} as a new {@code [indices.length, C, H, W]} tensor. */
    public Tensor images(int... indices) {
        Tensor t = Tensor.zeros(Tensor.concat(new int[] {indices.length}, sampleShape));
        copyBatch(indices, 0, indices.length, t, null);
        return t;
    }

    private void copySample(int i, float[] dst, int off, long seed) {
        int src = i * sampleSize;
        if (source != null) {
            source.read(i, dst, off, seed);
        } else if (floats != null) {
            System.arraycopy(floats, src, dst, off, sampleSize);
        } else {
            byte[] b = bytes;
            float[] value = byteValues;
            for (int j = 0; j < sampleSize; j++) dst[off + j] = value[b[src + j] & 0xFF];
        }
    }

    /** The first {@code n} samples as a new data set (same name with {@code "[:n]"} appended). */
    public Dataset subset(int n) {
        if (n < 0 || n > size()) throw new IllegalArgumentException("subset of " + n + " from " + size() + " samples");
        return range(0, n, name + "[:" + n + "]");
    }

    /** Samples {@code from} to {@code to} (exclusive) as a new data set (same name with {@code "[from:to]"} appended). */
    public Dataset range(int from, int to) {
        if (from < 0 || to < from || to > size()) throw new IllegalArgumentException("samples [" + from + ", " + to + ") of " + size());
        return range(from, to, name + "[" + from + ":" + to + "]");
    }

    private Dataset range(int from, int to, String rangeName) {
        int start = from * sampleSize, end = to * sampleSize;
        SampleSource shifted = source == null || from == 0 ? source : (i, dst, off, seed) -> source.read(from + i, dst, off, seed);
        return new Dataset(rangeName,
                bytes == null ? null : Arrays.copyOfRange(bytes, start, end), byteValues,
                floats == null ? null : Arrays.copyOfRange(floats, start, end), shifted,
                Arrays.copyOfRange(labels, from, to), numClasses, sampleShape);
    }

    /**
     * Per-channel mean and population standard deviation of the pixel values over all samples:
     * {@code [0][c]} = mean, {@code [1][c]} = std.
     */
    public double[][] channelMeanStd() {
        int c = sampleShape[0];
        int plane = sampleSize / c;
        double[] sum = new double[c];
        double[] sumSq = new double[c];
        if (bytes != null) {
            // a histogram per channel makes the moments exact and the pass a plain byte scan
            long[][] hist = new long[c][256];
            for (int i = 0; i < size(); i++) {
                for (int ch = 0; ch < c; ch++) {
                    long[] h = hist[ch];
                    int base = i * sampleSize + ch * plane;
                    for (int j = 0; j < plane; j++) h[bytes[base + j] & 0xFF]++;
                }
            }
            for (int ch = 0; ch < c; ch++) {
                for (int v = 0; v < 256; v++) {
                    double x = byteValues == BYTE_TO_UNIT ? v / 255.0 : v;
                    sum[ch] += hist[ch][v] * x;
                    sumSq[ch] += hist[ch][v] * x * x;
                }
            }
        } else {
            float[] one = source == null ? floats : new float[sampleSize];
            for (int i = 0; i < size(); i++) {
                if (source != null) source.read(i, one, 0, 0);
                int first = source == null ? i * sampleSize : 0;
                for (int ch = 0; ch < c; ch++) {
                    int base = first + ch * plane;
                    for (int j = 0; j < plane; j++) {
                        double x = one[base + j];
                        sum[ch] += x;
                        sumSq[ch] += x * x;
                    }
                }
            }
        }
        double count = (double) size() * plane;
        double[][] r = new double[2][c];
        for (int ch = 0; ch < c; ch++) {
            double mean = count == 0 ? 0 : sum[ch] / count;
            r[0][ch] = mean;
            r[1][ch] = count == 0 ? 0 : Math.sqrt(Math.max(0, sumSq[ch] / count - mean * mean));
        }
        return r;
    }

    @Override
    public String toString() {
        return name + " (" + size() + " samples of " + Arrays.toString(sampleShape) + ", " + numClasses + " classes)";
    }
}
