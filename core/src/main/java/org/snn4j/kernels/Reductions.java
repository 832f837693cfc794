package org.snn4j.kernels;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-channel reductions over {@code [B, C, S]} layouts (batch, channel, spatial; row-major, so
 * element (b, c, s) sits at {@code (b·C + c)·S + s}) and plain dot products.
 *
 * <p>All sums accumulate in double, channel by channel in a fixed order (b, then s), so results do
 * not depend on the thread count. Work is split over channels with {@link Parallel#forRange}.
 * Plain Java loops: this class is its own scalar reference, except {@link #firstNonFinite}, which runs the
 * {@link ScanKernel} {@link KernelProvider} chose (a Vector API body or its scalar twin).
 *
 * <p>The public methods check array lengths and sizes; output arrays are overwritten (not added into).
 */
public final class Reductions {
    /** Roughly how many elements one task should reduce before splitting pays off. */
    private static final int GRAIN_ELEMENTS = 1 << 15;
    /** Elements per task of {@link #firstNonFinite}: a scan is memory-bound, so only big arrays split. */
    private static final int SCAN_GRAIN = 1 << 20;
    /** The scan of {@link #firstNonFinite}. */
    private static final ScanKernel SCAN = KernelProvider.get().scan();

    private Reductions() {}

    /**
     * {@code sums[c] = Σ_b Σ_s x[b, c, s]}.
     *
     * @param x    {@code [B, C, S]}; read
     * @param sums length ≥ C; elements [0, C) written
     */
    public static void channelSums(float[] x, int batch, int channels, int spatial, double[] sums) {
        checkLayout("x", x, batch, channels, spatial);
        checkOut("sums", sums, channels);
        Parallel.forRange(channels, grain(batch, spatial), (from, to) -> {
            for (int c = from; c < to; c++) sums[c] = channelSum(x, batch, channels, spatial, c);
        });
    }

    /**
     * {@code sums[c] = Σ_b Σ_s x[b, c, s]} and {@code squares[c] = Σ_b Σ_s x[b, c, s]²} in one pass.
     *
     * @param x       {@code [B, C, S]}; read
     * @param sums    length ≥ C; written
     * @param squares length ≥ C; written
     */
    public static void channelSumsAndSquares(float[] x, int batch, int channels, int spatial,
                                             double[] sums, double[] squares) {
        checkLayout("x", x, batch, channels, spatial);
        checkOut("sums", sums, channels);
        checkOut("squares", squares, channels);
        if (sums == squares) throw new IllegalArgumentException("sums and squares must be different arrays");
        Parallel.forRange(channels, grain(batch, spatial), (from, to) -> {
            for (int c = from; c < to; c++) {
                double s = 0, q = 0;
                for (int b = 0; b < batch; b++) {
                    int base = (b * channels + c) * spatial;
                    for (int i = base; i < base + spatial; i++) {
                        double v = x[i];
                        s += v;
                        q += v * v;
                    }
                }
                sums[c] = s;
                squares[c] = q;
            }
        });
    }

    /**
     * {@code dots[c] = Σ_b Σ_s x[b, c, s] · y[b, c, s]}.
     *
     * @param x    {@code [B, C, S]}; read
     * @param y    {@code [B, C, S]}; read
     * @param dots length ≥ C; written
     */
    public static void channelDots(float[] x, float[] y, int batch, int channels, int spatial, double[] dots) {
        checkLayout("x", x, batch, channels, spatial);
        checkLayout("y", y, batch, channels, spatial);
        checkOut("dots", dots, channels);
        Parallel.forRange(channels, grain(batch, spatial), (from, to) -> {
            for (int c = from; c < to; c++) {
                double d = 0;
                for (int b = 0; b < batch; b++) {
                    int base = (b * channels + c) * spatial;
                    for (int i = base; i < base + spatial; i++) d += (double) x[i] * y[i];
                }
                dots[c] = d;
            }
        });
    }

    /** {@code Σ_{i<n} a[aOff + i] · b[bOff + i]}, accumulated in double. a, b: read. */
    public static double dot(float[] a, int aOff, float[] b, int bOff, int n) {
        checkRange("a", a, aOff, n);
        checkRange("b", b, bOff, n);
        double d = 0;
        for (int i = 0; i < n; i++) d += (double) a[aOff + i] * b[bOff + i];
        return d;
    }

    /** {@code Σ_{i<n} a[off + i]}, accumulated in double. a: read. */
    public static double sum(float[] a, int off, int n) {
        checkRange("a", a, off, n);
        double s = 0;
        for (int i = 0; i < n; i++) s += a[off + i];
        return s;
    }

    /**
     * The smallest i in [0, n) with {@code a[off + i]} NaN or ±∞, or −1 when all n values are finite: the
     * guard every layer output and gradient passes through, so it runs at memory speed (vector body,
     * threads for arrays of millions). a: read.
     */
    public static int firstNonFinite(float[] a, int off, int n) {
        checkRange("a", a, off, n);
        return firstNonFinite(SCAN, a, off, n);
    }

    /** {@link #firstNonFinite(float[], int, int)} by {@code scan}; trusts its arguments. */
    static int firstNonFinite(ScanKernel scan, float[] a, int off, int n) {
        if (n < SCAN_GRAIN) {
            int i = scan.firstNonFinite(a, off, off + n);
            return i < 0 ? -1 : i - off;
        }
        AtomicInteger first = new AtomicInteger(Integer.MAX_VALUE);
        Parallel.forRange(n, SCAN_GRAIN, (from, to) -> {
            if (off + from >= first.get()) return;                      // an earlier chunk already failed
            int i = scan.firstNonFinite(a, off + from, off + to);
            if (i >= 0) first.accumulateAndGet(i, Math::min);
        });
        int i = first.get();
        return i == Integer.MAX_VALUE ? -1 : i - off;
    }

    /**
     * Whether {@code a[off, off + n)} holds no NaN or ±∞, on the calling thread: the scan a kernel runs over each
     * part of its output right after writing it, while it is in cache (trusts its arguments).
     */
    static boolean finite(float[] a, int off, int n) {
        return SCAN.firstNonFinite(a, off, off + n) < 0;
    }

    /** {@link #finite(float[], int, int)} for {@code rows} rows of {@code cols} values, {@code ld} apart. */
    static boolean finite(float[] a, int off, int rows, int cols, int ld) {
        for (int r = 0; r < rows; r++) if (!finite(a, off + r * ld, cols)) return false;
        return true;
    }

    private static double channelSum(float[] x, int batch, int channels, int spatial, int c) {
        double s = 0;
        for (int b = 0; b < batch; b++) {
            int base = (b * channels + c) * spatial;
            for (int i = base; i < base + spatial; i++) s += x[i];
        }
        return s;
    }

    private static int grain(int batch, int spatial) {
        long perChannel = Math.max(1L, (long) batch * spatial);
        return (int) Math.max(1L, GRAIN_ELEMENTS / perChannel);
    }

    private static void checkLayout(String name, float[] x, int batch, int channels, int spatial) {
        if (batch < 0 || channels < 0 || spatial < 0) {
            throw new IllegalArgumentException("negative layout [" + batch + ", " + channels + ", " + spatial + "]");
        }
        long size = (long) batch * channels * spatial;
        if (x.length != size) {
            throw new IllegalArgumentException(name + ": layout [" + batch + ", " + channels + ", " + spatial
                    + "] holds " + size + " values, array has " + x.length);
        }
    }

    private static void checkOut(String name, double[] out, int channels) {
        if (out.length < channels) {
            throw new IllegalArgumentException(name + ": needs " + channels + " elements, array has " + out.length);
        }
    }

    private static void checkRange(String name, float[] a, int off, int n) {
        if (n < 0 || off < 0 || (long) off + n > a.length) {
            throw new IllegalArgumentException(name + ": range [" + off + ", " + ((long) off + n)
                    + ") outside array of " + a.length);
        }
    }
}
