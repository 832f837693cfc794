package org.snn4j.kernels;

/** The scalar twin of {@link PanamaEventKernel}: the specification, and the kernel without the Vector API. */
final class ScalarEventKernel implements EventKernel {
    @Override
    public int countNonZero(float[] x, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) if (x[i] != 0f || x[i] != x[i]) count++;
        return count;
    }

    @Override
    public int gather(float[] x, int from, int n, int[] index, float[] value, int at) {
        return gather(x, from, 0, n, index, value, at) - at;
    }

    /**
     * {@link #gather} of the entries [i, n), appended at {@code count}; returns the new count. Branch-free:
     * every entry is written, the count advances on non-zeros (also the vector kernel's tail).
     */
    static int gather(float[] x, int from, int i, int n, int[] index, float[] value, int count) {
        for (; i < n; i++) {
            float v = x[from + i];
            index[count] = i;
            value[count] = v;
            count += v != 0f || v != v ? 1 : 0;
        }
        return count;
    }

    @Override
    public void sum(int from, int to, int[] offset, float[] value, float[] w, float[] y, int yOff, int n, Into into) {
        for (int i = 0; i < n; i++) {
            float acc = into == Into.CONTINUE ? y[yOff + i] : 0f;
            for (int e = from; e < to; e++) acc = Math.fma(w[offset[e] + i], value[e], acc);
            y[yOff + i] = into == Into.ADD ? acc + y[yOff + i] : acc;
        }
    }

    @Override
    public void toChannelsFirst(float[] sum, int row, int plane, int outC, float[] bias, float[] y, int yOff) {
        channelsFirst(sum, row, plane, 0, plane, 0, outC, bias, y, yOff);
    }

    @Override
    public void toChannelsLast(float[] x, int xOff, int plane, int outC, float[] rows, int rowsOff, int row) {
        channelsLast(x, xOff, plane, 0, plane, 0, outC, rows, rowsOff, row);
    }

    /**
     * {@link #toChannelsLast} for positions [p0, p1) and channels [o0, o1) only, in tiles of 16 positions
     * whose 16 rows stay cached across the channels (also the vector kernel's edges).
     */
    static void channelsLast(float[] x, int xOff, int plane, int p0, int p1, int o0, int o1, float[] rows, int rowsOff, int row) {
        for (int t0 = p0; t0 < p1; t0 += 16) {
            int t1 = Math.min(p1, t0 + 16);
            for (int o = o0; o < o1; o++) {
                for (int p = t0, at = xOff + o * plane; p < t1; p++) rows[rowsOff + p * row + o] = x[at + p];
            }
        }
    }

    @Override
    public void sumShifted(int from, int to, int[] offset, float[] value, float[] w, int wOff, int[] shift, int taps, float[] y, int yOff,
                           int yStride, int n) {
        for (int t = 0; t < taps; t++) {
            for (int i = 0; i < n; i++) {
                float acc = 0f;
                for (int e = from; e < to; e++) acc = Math.fma(w[wOff + offset[e] + shift[t] + i], value[e], acc);
                y[yOff + t * yStride + i] += acc;
            }
        }
    }

    @Override
    public void addColumnSums(float[] rows, int from, int count, int n, double[] sums, int sumsOff) {
        columnSums(rows, from, count, n, 0, n, sums, sumsOff);
    }

    /** {@link #addColumnSums} of columns [i0, i1) only (also the vector kernel's tail). */
    static void columnSums(float[] rows, int from, int count, int n, int i0, int i1, double[] sums, int sumsOff) {
        for (int i = i0; i < i1; i++) {
            float s = 0f;
            for (int p = 0; p < count; p++) s += rows[from + p * n + i];
            sums[sumsOff + i] += s;
        }
    }

    /**
     * {@link #toChannelsFirst} for positions [p0, p1) and channels [o0, o1) only, in tiles of 16 positions
     * whose 16 sum rows stay cached across the channels (also the vector kernel's edges).
     */
    static void channelsFirst(float[] sum, int row, int plane, int p0, int p1, int o0, int o1, float[] bias, float[] y,
                              int yOff) {
        for (int t0 = p0; t0 < p1; t0 += 16) {
            int t1 = Math.min(p1, t0 + 16);
            for (int o = o0; o < o1; o++) {
                float add = bias == null ? 0f : bias[o];
                for (int p = t0, at = yOff + o * plane; p < t1; p++) y[at + p] = sum[p * row + o] + add;
            }
        }
    }
}
