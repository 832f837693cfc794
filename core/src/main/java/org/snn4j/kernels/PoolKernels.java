package org.snn4j.kernels;

import java.util.Arrays;

/**
 * Average and max pooling over {@code planes} independent {@code h × w} planes (an NCHW batch has
 * {@code planes = n·c}), square window {@code k}, stride {@code stride}, zero padding {@code pad ≤ k/2}
 * on each side. Output planes are {@code outH × outW} with {@code outH = (h + 2·pad − k) / stride + 1}.
 *
 * <p>Average pooling divides by {@code k²} whatever the padding (padded cells count as zeros).
 * Max pooling ignores padded cells, takes the first maximum in row-major window order and records
 * its index into {@code x} so backward routes the gradient there; for inference a variant skips the
 * argmax (same outputs), with a {@link PoolKernel} fast path for 2×2, stride 2, unpadded windows. Planes are split over the threads
 * of {@link Parallel}. Facades check sizes and throw {@link IllegalArgumentException}.
 *
 * <p>Average pooling with {@code k = stride = 2, pad = 0} (the common case) takes a fast path, the
 * {@link PoolKernel} {@link KernelProvider} chose (a Vector API body or its scalar twin); both add the two
 * rows first, then the two columns, and write every element of dx once (no zeroing pass). The general
 * average backward is separable: it gathers the windows containing each cell, first along the columns,
 * then along the rows (plain loops the JIT vectorises; one plane of scratch per task), so it too writes
 * dx once.
 */
public final class PoolKernels {
    /** The 2×2 fast paths (average, and max without argmax). */
    private static final PoolKernel POOL2 = KernelProvider.get().pool();

    private PoolKernels() {}

    /** Output height (or width) for an input of {@code size}. */
    public static int outSize(int size, int k, int stride, int pad) {
        return (size + 2 * pad - k) / stride + 1;
    }

    /**
     * y[q, oy, ox] = (1/k²) Σ_{ki,kj} x[q, oy·stride − pad + ki, ox·stride − pad + kj] (zero outside).
     *
     * @param x {@code [planes, h, w]}; read
     * @param y {@code [planes, outH, outW]}; overwritten
     */
    public static void avgForward(float[] x, int planes, int h, int w, int k, int stride, int pad, float[] y) {
        check(x, y, planes, h, w, k, stride, pad);
        if (k == 2 && stride == 2 && pad == 0) {
            avg2Forward(POOL2, x, planes, h, w, y);
            return;
        }
        int outH = outSize(h, k, stride, pad), outW = outSize(w, k, stride, pad);
        float scale = 1f / (k * k);
        Parallel.forRange(planes, grain(outH * outW * k * k), (from, to) -> {
            for (int q = from; q < to; q++) {
                for (int oy = 0; oy < outH; oy++) {
                    int y0 = Math.max(0, oy * stride - pad), y1 = Math.min(h, oy * stride - pad + k);
                    for (int ox = 0; ox < outW; ox++) {
                        int x0 = Math.max(0, ox * stride - pad), x1 = Math.min(w, ox * stride - pad + k);
                        float sum = 0f;
                        for (int iy = y0; iy < y1; iy++) {
                            int row = (q * h + iy) * w;
                            for (int ix = x0; ix < x1; ix++) sum += x[row + ix];
                        }
                        y[(q * outH + oy) * outW + ox] = sum * scale;
                    }
                }
            }
        });
    }

    /**
     * dx[q, iy, ix] = (1/k²) Σ over the windows containing (iy, ix) of dy[q, oy, ox].
     *
     * @param dy {@code [planes, outH, outW]}; read
     * @param dx {@code [planes, h, w]}; overwritten
     */
    public static void avgBackward(float[] dy, int planes, int h, int w, int k, int stride, int pad, float[] dx) {
        check(dx, dy, planes, h, w, k, stride, pad);
        if (k == 2 && stride == 2 && pad == 0) {
            avg2Backward(POOL2, dy, planes, h, w, dx);
            return;
        }
        int outH = outSize(h, k, stride, pad), outW = outSize(w, k, stride, pad);
        float scale = 1f / (k * k);
        // windows containing input row iy: oy in [rowFirst[iy], rowEnd[iy]); likewise for columns
        int[] rowFirst = new int[h], rowEnd = new int[h], colFirst = new int[w], colEnd = new int[w];
        windowsContaining(h, outH, k, stride, pad, rowFirst, rowEnd);
        windowsContaining(w, outW, k, stride, pad, colFirst, colEnd);
        int cover = (k + stride - 1) / stride;                          // windows per input cell and axis, at most
        // separable: gather along columns into [outH, w], then along rows into dx (every element written once)
        Parallel.forRange(planes, grain(outH * w * cover + h * w * cover), (from, to) -> {
            float[] colSums = new float[outH * w];
            for (int q = from; q < to; q++) {
                for (int oy = 0; oy < outH; oy++) {
                    int in = (q * outH + oy) * outW, r = oy * w;
                    for (int ix = 0; ix < w; ix++) {
                        float sum = 0f;
                        for (int ox = colFirst[ix]; ox < colEnd[ix]; ox++) sum += dy[in + ox];
                        colSums[r + ix] = sum;
                    }
                }
                for (int iy = 0; iy < h; iy++) {
                    int row = (q * h + iy) * w;
                    Arrays.fill(dx, row, row + w, 0f);
                    for (int oy = rowFirst[iy]; oy < rowEnd[iy]; oy++) {
                        int r = oy * w;
                        for (int ix = 0; ix < w; ix++) dx[row + ix] += colSums[r + ix];
                    }
                    for (int ix = 0; ix < w; ix++) dx[row + ix] *= scale;
                }
            }
        });
    }

    /**
     * For every input position i in [0, size): the windows o with {@code o·stride − pad ≤ i < o·stride − pad + k}
     * and {@code 0 ≤ o < out} are exactly {@code [first[i], end[i])} (empty when first ≥ end).
     */
    private static void windowsContaining(int size, int out, int k, int stride, int pad, int[] first, int[] end) {
        for (int i = 0; i < size; i++) {
            int lo = i + pad - k + 1;                                    // o·stride ≥ lo
            first[i] = lo <= 0 ? 0 : (lo + stride - 1) / stride;
            end[i] = Math.min(out, (i + pad) / stride + 1);              // o·stride ≤ i + pad
        }
    }

    /** 2×2, stride 2, unpadded average forward by {@code kernel}, planes split over threads. */
    static void avg2Forward(PoolKernel kernel, float[] x, int planes, int h, int w, float[] y) {
        Parallel.forRange(planes, grain(h * w), (from, to) -> kernel.avg2Forward(x, h, w, y, from, to));
    }

    /** 2×2, stride 2, unpadded average backward by {@code kernel}, planes split over threads. */
    static void avg2Backward(PoolKernel kernel, float[] dy, int planes, int h, int w, float[] dx) {
        Parallel.forRange(planes, grain(h * w), (from, to) -> kernel.avg2Backward(dy, h, w, dx, from, to));
    }

    /**
     * y[q, oy, ox] = max over the window's cells inside the plane; argmax holds that cell's index in x.
     *
     * @param x      {@code [planes, h, w]}; read
     * @param y      {@code [planes, outH, outW]}; overwritten
     * @param argmax same size as y; overwritten with indices into x
     */
    public static void maxForward(float[] x, int planes, int h, int w, int k, int stride, int pad,
                                  float[] y, int[] argmax) {
        check(x, y, planes, h, w, k, stride, pad);
        if (argmax == null || argmax.length != y.length) {
            throw new IllegalArgumentException("argmax must have " + y.length + " elements");
        }
        maxWindows(x, planes, h, w, k, stride, pad, y, argmax);
    }

    /**
     * The y of {@link #maxForward(float[], int, int, int, int, int, int, float[], int[])}, bit for bit,
     * without the argmax: for inference, where no backward runs. The 2×2, stride 2, unpadded case runs
     * the {@link PoolKernel} body {@link KernelProvider} chose.
     */
    public static void maxForward(float[] x, int planes, int h, int w, int k, int stride, int pad, float[] y) {
        check(x, y, planes, h, w, k, stride, pad);
        if (k == 2 && stride == 2 && pad == 0) {
            max2Forward(POOL2, x, planes, h, w, y);
            return;
        }
        maxWindows(x, planes, h, w, k, stride, pad, y, null);
    }

    /** 2×2, stride 2, unpadded max forward by {@code kernel} (no argmax), planes split over threads. */
    static void max2Forward(PoolKernel kernel, float[] x, int planes, int h, int w, float[] y) {
        Parallel.forRange(planes, grain(h * w), (from, to) -> kernel.max2Forward(x, h, w, y, from, to));
    }

    /** The general max forward; {@code argmax} is filled when not null. */
    private static void maxWindows(float[] x, int planes, int h, int w, int k, int stride, int pad, float[] y, int[] argmax) {
        int outH = outSize(h, k, stride, pad), outW = outSize(w, k, stride, pad);
        Parallel.forRange(planes, grain(outH * outW * k * k), (from, to) -> {
            for (int q = from; q < to; q++) {
                for (int oy = 0; oy < outH; oy++) {
                    int y0 = Math.max(0, oy * stride - pad), y1 = Math.min(h, oy * stride - pad + k);
                    for (int ox = 0; ox < outW; ox++) {
                        int x0 = Math.max(0, ox * stride - pad), x1 = Math.min(w, ox * stride - pad + k);
                        int best = (q * h + y0) * w + x0;
                        float max = x[best];
                        for (int iy = y0; iy < y1; iy++) {
                            int row = (q * h + iy) * w;
                            for (int ix = x0; ix < x1; ix++) {
                                // Strict '>' keeps the first maximum; NaN never wins, but is caught by the layer's check.
                                if (x[row + ix] > max) {
                                    max = x[row + ix];
                                    best = row + ix;
                                }
                            }
                        }
                        int out = (q * outH + oy) * outW + ox;
                        y[out] = max;
                        if (argmax != null) argmax[out] = best;
                    }
                }
            }
        });
    }

    /**
     * dx[argmax[i]] += dy[i] over a zeroed dx.
     *
     * @param dy     {@code [planes, outH, outW]}; read
     * @param argmax from {@link #maxForward}; read
     * @param dx     {@code [planes, h, w]}; overwritten
     */
    public static void maxBackward(float[] dy, int[] argmax, int planes, int h, int w, int k, int stride, int pad,
                                   float[] dx) {
        check(dx, dy, planes, h, w, k, stride, pad);
        if (argmax == null || argmax.length != dy.length) {
            throw new IllegalArgumentException("argmax must have " + dy.length + " elements");
        }
        int plane = outSize(h, k, stride, pad) * outSize(w, k, stride, pad);
        // Each plane's argmax points into its own input plane, so plane ranges write disjoint parts of dx.
        Parallel.forRange(planes, grain(plane * 4), (from, to) -> {
            Arrays.fill(dx, from * h * w, to * h * w, 0f);
            for (int i = from * plane; i < to * plane; i++) dx[argmax[i]] += dy[i];
        });
    }

    /** Planes per task so each task has some tens of thousands of operations. */
    private static int grain(int workPerPlane) {
        return Math.max(1, 32_768 / Math.max(1, workPerPlane));
    }

    private static void check(float[] in, float[] out, int planes, int h, int w, int k, int stride, int pad) {
        if (planes < 0 || h < 1 || w < 1 || k < 1 || stride < 1 || pad < 0 || 2 * pad > k) {
            throw new IllegalArgumentException("bad pooling: planes=" + planes + " " + h + "x" + w + " k=" + k
                    + " stride=" + stride + " pad=" + pad + " (pad must be <= k/2)");
        }
        if (h + 2 * pad < k || w + 2 * pad < k) {
            throw new IllegalArgumentException("window " + k + " larger than padded input " + h + "x" + w);
        }
        long inSize = (long) planes * h * w;
        long outSize = (long) planes * outSize(h, k, stride, pad) * outSize(w, k, stride, pad);
        if (in == null || in.length != inSize) throw new IllegalArgumentException("input must have " + inSize + " elements");
        if (out == null || out.length != outSize) throw new IllegalArgumentException("output must have " + outSize + " elements");
        if (in == out) throw new IllegalArgumentException("input and output must not alias");
    }
}
