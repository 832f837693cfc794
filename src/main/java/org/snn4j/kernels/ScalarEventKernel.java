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
    public void sum(int from, int to, int[] offset, float[] value, float[] w, float[] y, int yOff, int n, boolean add) {
        for (int i = 0; i < n; i++) {
            float acc = 0f;
            for (int e = from; e < to; e++) acc = Math.fma(w[offset[e] + i], value[e], acc);
            y[yOff + i] = add ? acc + y[yOff + i] : acc;
        }
    }
}
