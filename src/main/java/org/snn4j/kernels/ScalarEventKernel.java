package org.snn4j.kernels;

/** The scalar twin of {@link PanamaEventKernel}: the specification, and the kernel without the Vector API. */
final class ScalarEventKernel implements EventKernel {
    @Override
    public int gather(float[] x, int from, int n, int[] index, float[] value) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            float v = x[from + i];
            if (v != 0f || v != v) {
                index[count] = i;
                value[count++] = v;
            }
        }
        return count;
    }

    @Override
    public int countNonZero(float[] x, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) if (x[i] != 0f || x[i] != x[i]) count++;
        return count;
    }

    @Override
    public void accumulate(float v, float[] w, int wOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = Math.fma(w[wOff + i], v, y[yOff + i]);
    }
}
