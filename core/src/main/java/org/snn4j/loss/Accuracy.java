package org.snn4j.loss;

import org.snn4j.tensor.Tensor;

/** Decoding a readout into class predictions: argmax per sample. */
public final class Accuracy {
    private Accuracy() {}

    /**
     * The predicted class of each sample: the index of the largest score (the lowest such index on ties;
     * NaN scores never win).
     *
     * @param readout {@code [N, K]} or {@code [1, N, K]}, K ≥ 1; read, not modified
     * @return N class indices
     * @throws org.snn4j.Snn4jException for any other shape
     */
    public static int[] predictions(Tensor readout) {
        int[] nk = Readouts.batchAndClasses(readout, "accuracy");
        int n = nk[0], k = nk[1];
        if (k == 0 && n > 0) throw new org.snn4j.Snn4jException("accuracy: readout has no classes, " + readout.shapeString());
        float[] z = readout.data();
        int[] pred = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                float v = z[i * k + j];
                if (v > max) {
                    max = v;
                    best = j;
                }
            }
            pred[i] = best;
        }
        return pred;
    }

    /**
     * The number of samples whose prediction equals the label.
     *
     * @throws org.snn4j.Snn4jException for a bad shape, a label count other than N or a label outside [0, K)
     */
    public static int correct(Tensor readout, int[] labels) {
        Readouts.batchAndClasses(readout, labels, "accuracy");
        int[] pred = predictions(readout);
        int c = 0;
        for (int i = 0; i < pred.length; i++) if (pred[i] == labels[i]) c++;
        return c;
    }
}
