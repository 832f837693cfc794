package org.snn4j.kernels;

/**
 * The scan behind {@link Reductions#firstNonFinite}, with a Vector API body ({@link PanamaScan}) and its
 * scalar twin ({@link ScalarScan}), which find the same index. {@link Reductions} checks the arguments
 * and splits big arrays over threads; implementations trust them.
 */
interface ScanKernel {
    /** Absolute index of the first NaN or ±∞ in {@code a[from, to)}, or −1. */
    int firstNonFinite(float[] a, int from, int to);
}
