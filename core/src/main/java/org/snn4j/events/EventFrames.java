package org.snn4j.events;

import java.util.Arrays;
import java.util.Objects;
import org.snn4j.data.Dataset;
import org.snn4j.tensor.Rng;

/**
 * Turns a labelled event data set into a {@link Dataset} of frames the trainer and evaluator read like
 * images: every recording is transformed, binned ({@link FrameBinning}) and stored as one sample of
 * shape {@code [T·C, H, W]}, its T frames stacked as channels; the {@code frames} encoder
 * ({@code org.snn4j.encode.FramesEncoder}) unfolds a batch of them into the {@code [T, N, C, H, W]}
 * sequence. Raw events are read once, when the set is built, so no epoch reads them again.
 *
 * <p>Counts are stored as bytes ({@link Dataset#ofByteCounts}) while every count fits in 0..255, else
 * as floats. Recording {@code i}'s random transforms draw from a stream seeded by {@code (seed, i)}
 * only, so the frames do not depend on the order in which recordings are read.
 */
public final class EventFrames {
    private EventFrames() {}

    /**
     * The frames of every recording of {@code events}.
     *
     * @param transform applied to each recording before binning
     * @param seed seeds the random transforms, per recording
     * @throws org.snn4j.Snn4jException when a recording cannot be read, or the transform gives recordings
     *     of different sensor sizes
     */
    public static Dataset of(EventDataset events, EventTransform transform, FrameBinning binning, long seed) {
        return build(events, transform, binning, seed).toDataset();
    }

    /**
     * A frame set as stored: name, classes, the sample shape {@code [T·C, H, W]}, labels, and the counts as
     * bytes or (when one exceeds 255) floats, one of them null.
     */
    record Frames(String name, int classes, int[] shape, int[] labels, byte[] bytes, float[] floats) {
        Dataset toDataset() {
            if (floats != null) return Dataset.ofFloats(name, floats, labels, classes, shape);
            return Dataset.ofByteCounts(name, bytes, labels, classes, shape);
        }
    }

    /** {@link #of}'s frames before they become a data set (what the frame cache stores). */
    static Frames build(EventDataset events, EventTransform transform, FrameBinning binning, long seed) {
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(binning, "binning");
        int n = events.size();
        int[] labels = new int[n];
        int[] shape = null;
        int sampleSize = 0;
        byte[] bytes = null;
        float[] floats = null;
        float[] frame = null;
        for (int i = 0; i < n; i++) {
            Events e = transform.apply(events.recording(i), recordingRng(seed, i));
            int[] s = binning.stackedShape(e.width(), e.height());
            if (shape == null) {
                shape = s;
                sampleSize = s[0] * s[1] * s[2];
                if ((long) sampleSize * n > Integer.MAX_VALUE - 8) {
                    throw new org.snn4j.Snn4jException(events.name() + ": " + n + " samples of " + Arrays.toString(s)
                            + " frames do not fit one array; downsample, crop or use fewer frames");
                }
                bytes = new byte[sampleSize * n];
                frame = new float[sampleSize];
            } else if (!Arrays.equals(shape, s)) {
                throw new org.snn4j.Snn4jException(events.name() + ": recording " + i + " has frames " + Arrays.toString(s)
                        + ", recording 0 " + Arrays.toString(shape));
            }
            Arrays.fill(frame, 0);
            binning.binInto(e, frame, 0);
            int off = i * sampleSize;
            if (bytes != null && fitsBytes(frame)) {
                for (int j = 0; j < sampleSize; j++) bytes[off + j] = (byte) frame[j];
            } else {
                if (floats == null) floats = widen(bytes, off);
                bytes = null;
                System.arraycopy(frame, 0, floats, off, sampleSize);
            }
            labels[i] = events.label(i);
        }
        if (shape == null) shape = binning.stackedShape(events.width(), events.height());
        String name = events.name() + " (" + binning + ")";
        return new Frames(name, events.numClasses(), shape, labels, floats != null ? null : bytes == null ? new byte[0] : bytes, floats);
    }

    /** The stream recording {@code i}'s random transforms draw from. */
    public static Rng recordingRng(long seed, int i) {
        long z = seed * 0x9E3779B97F4A7C15L + i * 0xC2B2AE3D27D4EB4FL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return new Rng(z ^ (z >>> 27));
    }

    private static boolean fitsBytes(float[] counts) {
        for (float c : counts) if (c > 255) return false;
        return true;
    }

    /** The byte samples before {@code filled} as floats, in an array for all samples. */
    private static float[] widen(byte[] bytes, int filled) {
        float[] f = new float[bytes.length];
        for (int j = 0; j < filled; j++) f[j] = bytes[j] & 0xFF;
        return f;
    }
}
