package org.snn4j.kernels;

/**
 * The two inner loops of event-driven accumulation ({@link EventKernels}), with a Vector API body
 * ({@link PanamaEventKernel}) and its scalar twin ({@link ScalarEventKernel}) that round identically:
 * everything around them (which weight row goes where, k blocks, layouts) is shared plain Java.
 * Implementations trust their arguments.
 */
interface EventKernel {
    /**
     * Lists the non-zero entries of {@code x[from, from + n)} in index order: {@code index[e]} (relative
     * to {@code from}) and {@code value[e]}. A NaN counts as non-zero, −0 as zero.
     *
     * @return the number of events written
     */
    int gather(float[] x, int from, int n, int[] index, float[] value);

    /** Non-zero entries of {@code x[from, to)} (NaN counts, −0 does not). */
    int countNonZero(float[] x, int from, int to);

    /** {@code y[yOff + i] = fma(w[wOff + i], v, y[yOff + i])} for i in [0, n): one event's weight row added. */
    void accumulate(float v, float[] w, int wOff, float[] y, int yOff, int n);
}
