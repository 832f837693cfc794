package org.snn4j.kernels;

/** The scalar twin of {@link PanamaScan}: the specification, and the kernel without the Vector API. */
final class ScalarScan implements ScanKernel {
    @Override
    public int firstNonFinite(float[] a, int from, int to) {
        return scan(a, from, to);
    }

    /** {@link #firstNonFinite}, for the vector body's tail and the block it found a non-finite value in. */
    static int scan(float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(a[i])) return i;
        }
        return -1;
    }
}
