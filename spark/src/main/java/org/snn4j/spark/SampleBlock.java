package org.snn4j.spark;

import java.io.Serializable;
import org.snn4j.data.Dataset;

/**
 * A data set as Spark ships it (a broadcast read once per executor): byte pixels when the set has them
 * (a quarter of the size), else floats, with labels, class count and sample shape.
 */
final class SampleBlock implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final byte[] bytes;
    private final float[] floats;
    private final int[] labels;
    private final int numClasses;
    private final int[] shape;
    private transient volatile Dataset dataset;

    private SampleBlock(Dataset d) {
        name = d.name();
        labels = d.labels().clone();
        numClasses = d.numClasses();
        shape = d.sampleShape();
        int s = d.sampleSize();
        if (d.isBytePixels()) {
            bytes = new byte[s * d.size()];
            floats = null;
            for (int i = 0; i < d.size(); i++) {
                float[] x = d.sample(i);
                for (int j = 0; j < s; j++) bytes[i * s + j] = (byte) Math.round(x[j] * 255f);  // exact: x = v/255f
            }
        } else {
            floats = new float[s * d.size()];
            bytes = null;
            for (int i = 0; i < d.size(); i++) System.arraycopy(d.sample(i), 0, floats, i * s, s);
        }
    }

    /** The block of {@code d}'s samples. */
    static SampleBlock of(Dataset d) {
        return new SampleBlock(d);
    }

    /** The data set, made once per deserialized block (so once per executor for a broadcast). */
    Dataset dataset() {
        Dataset d = dataset;
        if (d == null) {
            synchronized (this) {
                if (dataset == null) {
                    dataset = bytes != null ? Dataset.ofBytes(name, bytes, labels, numClasses, shape)
                            : Dataset.ofFloats(name, floats, labels, numClasses, shape);
                }
                d = dataset;
            }
        }
        return d;
    }
}
