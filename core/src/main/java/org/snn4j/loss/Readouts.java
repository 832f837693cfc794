package org.snn4j.loss;

import org.snn4j.Snn4jException;
import org.snn4j.tensor.Tensor;

/** Shape and label checks shared by the losses and {@link Accuracy}. */
final class Readouts {
    private Readouts() {}

    /**
     * The batch size N and class count K of a readout {@code [N, K]} or {@code [1, N, K]}.
     *
     * @throws Snn4jException for any other shape
     */
    static int[] batchAndClasses(Tensor readout, String who) {
        int r = readout.rank();
        if (r == 2) return new int[] {readout.dim(0), readout.dim(1)};
        if (r == 3 && readout.dim(0) == 1) return new int[] {readout.dim(1), readout.dim(2)};
        throw new Snn4jException(who + ": readout expected [N, K] or [1, N, K], was " + readout.shapeString());
    }

    /**
     * N and K of {@code readout} after checking its shape and {@code labels} (see {@link #checkLabels}).
     *
     * @throws Snn4jException for a bad shape, label count or label
     */
    static int[] batchAndClasses(Tensor readout, int[] labels, String who) {
        int[] nk = batchAndClasses(readout, who);
        checkLabels(labels, nk[0], nk[1], who);
        return nk;
    }

    /**
     * Checks that there is one label per sample and every label is in [0, K).
     *
     * @throws Snn4jException naming the first offending sample, its label and K
     */
    static void checkLabels(int[] labels, int n, int k, String who) {
        if (labels.length != n) {
            throw new Snn4jException(who + ": " + labels.length + " labels for a batch of " + n + " samples");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new Snn4jException(who + ": label " + labels[i] + " of sample " + i
                        + " is out of range for K = " + k + " classes (expected 0.." + (k - 1) + ")");
            }
        }
    }
}
