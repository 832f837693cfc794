package org.snn4j.kernels;

/**
 * The scatter step of the event convolution ({@link EventKernels}): each event of an input channel appends its taps
 * (weight-row offset and value) to the tap lists of the output positions it reaches, in the k order the sums need
 * ({@link EventKernels.Plan} lays the lists out). Shared by the convolution from an input tensor and from event lists
 * ({@link EventListKernels}). Trusts its arguments.
 */
final class TapScatter {
    private TapScatter() {}

    /**
     * Appends the taps of channel {@code ci}'s events {@code index[e], value[e]}, e in [from, to) (positions
     * ascending), to the lists of the output positions they reach.
     */
    static void scatter(ConvGeometry g, EventKernels.Plan plan, int ci, int[] index, float[] values, int from, int to, EventKernels.Buffers b) {
        int row = EventKernels.padded(g.outC()), kh = g.kh(), kw = g.kw(), channel = ci * kh * kw * row;
        int[] next = b.next, offset = b.tapOffset, corner = plan.corner();
        float[] value = b.tapValue;
        if (corner != null && kw == 3) {        // stride 1, rows of three taps: as below, each row's three list ends read first
            // (the lists are distinct), then written: read one at a time after the previous tap's stores, which may alias
            // them for all the core knows, they took 1.3-1.65x as long (docs/results/issue-27/inf32-kernels.txt: W1's conv2,
            // whose scatter was a quarter of W1's inference by events at T = 32)
            int listW = plan.listW();
            for (int e = from; e < to; e++) {
                float v = values[e];
                int base = corner[index[e]], k = channel;
                for (int ki = 0; ki < kh; ki++, base -= listW, k += 3 * row) {
                    int s0 = next[base], s1 = next[base - 1], s2 = next[base - 2];
                    next[base] = s0 + 1;
                    next[base - 1] = s1 + 1;
                    next[base - 2] = s2 + 1;
                    offset[s0] = k;
                    offset[s1] = k + row;
                    offset[s2] = k + 2 * row;
                    value[s0] = v;
                    value[s1] = v;
                    value[s2] = v;
                }
            }
            return;
        }
        if (corner != null) {                   // stride 1: tap (ki, kj) reaches list corner − ki·listW − kj
            int listW = plan.listW();
            for (int e = from; e < to; e++) {
                float v = values[e];
                int base = corner[index[e]], k = channel;
                for (int ki = 0; ki < kh; ki++, base -= listW) {
                    for (int kj = 0; kj < kw; kj++, k += row) {
                        int slot = next[base - kj]++;
                        offset[slot] = k;
                        value[slot] = v;
                    }
                }
            }
            return;
        }
        EventKernels.Taps rows = plan.rows(), cols = plan.cols();
        for (int e = from; e < to; e++) {
            float v = values[e];
            int iy = plan.rowOf()[index[e]], ix = plan.colOf()[index[e]];
            for (int r = rows.start()[iy]; r < rows.start()[iy + 1]; r++) {
                int kRow = channel + rows.tap()[r] * kw * row, outRow = rows.out()[r];
                for (int q = cols.start()[ix]; q < cols.start()[ix + 1]; q++) {
                    int slot = next[outRow + cols.out()[q]]++;
                    offset[slot] = kRow + cols.tap()[q] * row;
                    value[slot] = v;
                }
            }
        }
    }
}
