package org.snn4j.kernels;

/**
 * The inner loops of event-driven accumulation ({@link EventKernels}), with a Vector API body
 * ({@link PanamaEventKernel}) and its scalar twin ({@link ScalarEventKernel}) that round identically:
 * everything around them (which weight row goes where, k blocks, layouts) is shared plain Java.
 * Implementations trust their arguments.
 */
interface EventKernel {
    /**
     * Lists the non-zero entries of {@code x[from, from + n)} in index order as events {@code at},
     * {@code at + 1}, ...: {@code index[e]} (relative to {@code from}) and {@code value[e]}; a NaN counts as
     * non-zero, −0 as zero. Entries of {@code index} and {@code value} up to {@code at + n} may be
     * overwritten.
     *
     * @return the number of events written
     */
    int gather(float[] x, int from, int n, int[] index, float[] value, int at);

    /** Non-zero entries of {@code x[from, to)} (NaN counts, −0 does not). */
    int countNonZero(float[] x, int from, int to);

    /** Where {@link #sum} puts a row's sum acc (a GEMM's k blocks, and parts of one block). */
    enum Into {
        /** {@code y = acc}, acc from zero: a first k block. */
        STORE,
        /** {@code y = acc + y}, acc from zero: a later k block's sum added to the earlier ones. */
        ADD,
        /** {@code y = acc}, acc from y: a block's chain of fmas continued from its earlier events. */
        CONTINUE
    }

    /**
     * The events [from, to) of one output row, summed: for i in [0, n),
     * {@code acc = Σ_e fma(w[offset[e] + i], value[e], acc)} in event order, from zero or, with
     * {@link Into#CONTINUE}, from {@code y[yOff + i]}; then stored into {@code y[yOff + i]} as {@code into} says.
     */
    void sum(int from, int to, int[] offset, float[] value, float[] w, float[] y, int yOff, int n, Into into);

    /**
     * {@link #sum} of the lists p in [from, to) at once, each stored ({@link Into#STORE}): list p holds the
     * events [p·stride, end[p]) and its sums go to {@code y[yOff + (p − from)·n, yOff + (p − from)·n + n)}. Each output's sum is the same chain of fmas as
     * {@link #sum}'s, up to events of value 0 that add exactly nothing to a finite sum (a zero sum may come out
     * +0 instead of −0); running several lists side by side only lets their chains overlap. Entries of
     * {@code offset} and {@code value} past a list's end, up to {@code (p + 1)·stride}, may be overwritten.
     */
    default void sumLists(int from, int to, int stride, int[] end, int[] offset, float[] value, float[] w, float[] y, int yOff, int n) {
        for (int p = from; p < to; p++) sum(p * stride, end[p], offset, value, w, y, yOff + (p - from) * n, n, Into.STORE);
    }

    /**
     * One image's channel-last sums to channels first, bias added: for p in [0, plane), o in [0, outC),
     * {@code y[yOff + o·plane + p] = sum[p·row + o] + (bias == null ? 0 : bias[o])}. {@code sum} is scratch:
     * an implementation may leave the biased sums in it.
     */
    void toChannelsFirst(float[] sum, int row, int plane, int outC, float[] bias, float[] y, int yOff);

    /**
     * One image's channels-first array to channel-last rows, the inverse of {@link #toChannelsFirst} without a
     * bias: for p in [0, plane), o in [0, outC), {@code rows[rowsOff + p·row + o] = x[xOff + o·plane + p]}; the
     * rest of each row is left as it is.
     */
    void toChannelsLast(float[] x, int xOff, int plane, int outC, float[] rows, int rowsOff, int row);

    /**
     * The events [from, to) summed for {@code taps} shifts at once, each added into its own output row: for t in
     * [0, taps) and i in [0, n), {@code acc = Σ_e fma(w[wOff + offset[e] + shift[t] + i], value[e], acc)} in
     * event order from zero, then {@code y[yOff + t·yStride + i] += acc}: {@link #sum} with {@link Into#ADD} of
     * the events moved by {@code shift[t]}, one read of an event serving every shift (the taps of the weight
     * gradient, {@link EventWeightGradient}).
     */
    void sumShifted(int from, int to, int[] offset, float[] value, float[] w, int wOff, int[] shift, int taps, float[] y, int yOff,
                    int yStride, int n);

    /**
     * Column sums of {@code count} rows of {@code n}: for i in [0, n), {@code sums[sumsOff + i] += s} with
     * {@code s = Σ_p rows[from + p·n + i]} summed in float in row order (a bias gradient's sums of one image).
     */
    void addColumnSums(float[] rows, int from, int count, int n, double[] sums, int sumsOff);
}
