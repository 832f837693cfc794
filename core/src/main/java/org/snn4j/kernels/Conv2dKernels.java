package org.snn4j.kernels;

import java.util.Arrays;

/**
 * 2-D convolution over NCHW batches as im2col + GEMM: forward, backward-data and backward-weights.
 *
 * <p>With {@code K = c·kh·kw}, {@code P = outH·outW} and {@code col} the column matrix of one image
 * ({@link Im2Col}): forward is {@code Y[n] = W[outC×K] · col(x[n]) + bias}; backward-data is
 * {@code dx[n] = col2im(Wᵀ · dY[n])}; backward-weights is {@code dW += Σ_n dY[n] · col(x[n])ᵀ} and
 * {@code dBias[o] += Σ_{n,p} dY[n, o, p]}.
 *
 * <p>Work is split into {@link #imagesPerChunk chunks} of images whose column matrix stays within a
 * few MB, and the chunks are spread over the threads of {@link Parallel} ("slots", one per thread,
 * each with its own buffers and its own partial weight gradient; the partials are summed in slot
 * order, so results depend on the thread count but never on timing). With fewer chunks than threads
 * a single slot runs and GEMM may split itself instead. Splitting the batch was measured against one
 * slot with a threaded GEMM (N·C·H·W = 64·64·32², 64·128·8², 16·256·4², 8·3·32², 2·64·16²; 3×3) and was
 * as fast or faster at two threads: the im2col work is split too and each GEMM keeps its panels to itself.
 *
 * <p>An all-zero output gradient (W5 of issue 27: a spiking network whose deep layers are silent, with a
 * surrogate derivative that is zero there) skips the work: backward-data writes zeros, backward-weights adds
 * +0. That is what the passes give bit for bit when weights and inputs are finite ({@link PackedGemm}
 * skips zero operands the same way); a NaN or infinite weight or input times the zero gradient counts as 0.
 *
 * <p>Facades check array lengths and throw {@link IllegalArgumentException}; the bodies trust them.
 */
public final class Conv2dKernels {
    /** Column-matrix budget per slot, in floats (8 MB). */
    private static final long COL_BUDGET = 2L << 20;
    /** GEMM width (images · P) a chunk aims for, so small feature maps still make one wide GEMM. */
    private static final int TARGET_COLUMNS = 1024;

    private static final PackedGemm GEMM = KernelProvider.get().gemm();

    private Conv2dKernels() {}

    /**
     * Forward convolution.
     *
     * @param x      {@code [n, c, h, w]}; read
     * @param weight {@code [outC, c, kh, kw]}; read
     * @param bias   {@code [outC]} or {@code null}; read
     * @param y      {@code [n, outC, outH, outW]}; overwritten
     * @return whether all of y is finite (no NaN, no ±∞): each image's output is scanned as it is written, while
     *         it is in cache, so a NaN guard on y need not read it again
     */
    public static boolean forward(ConvGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        check("x", x, g.inputSize());
        check("weight", weight, g.weightSize());
        if (bias != null) check("bias", bias, g.outC());
        check("y", y, g.outputSize());
        return ConvImpl.forward(g, x, weight, bias, y);
    }

    /**
     * Gradient with respect to the input.
     *
     * @param dy     {@code [n, outC, outH, outW]}; read
     * @param weight {@code [outC, c, kh, kw]}; read
     * @param dx     {@code [n, c, h, w]}; overwritten
     * @return whether all of dx is finite, scanned part by part as it is written (as for {@link #forward})
     */
    public static boolean backwardData(ConvGeometry g, float[] dy, float[] weight, float[] dx) {
        check("dy", dy, g.outputSize());
        check("weight", weight, g.weightSize());
        check("dx", dx, g.inputSize());
        if (dx == dy) throw new IllegalArgumentException("dx must not alias dy");
        if (zero(dy)) {
            // what the GEMM's zero skipping gives, without the im2col, col2im and stores around it
            Arrays.fill(dx, 0f);
            return true;
        }
        return ConvImpl.backwardData(g, dy, weight, dx);
    }

    /**
     * Gradients with respect to weight and bias, accumulated (added into {@code dWeight}, {@code dBias}).
     *
     * @param x       {@code [n, c, h, w]}; read
     * @param dy      {@code [n, outC, outH, outW]}; read
     * @param dWeight {@code [outC, c, kh, kw]}; accumulated into
     * @param dBias   {@code [outC]} or {@code null} (no bias gradient); accumulated into
     */
    public static void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias) {
        check("x", x, g.inputSize());
        check("dy", dy, g.outputSize());
        check("dWeight", dWeight, g.weightSize());
        if (dBias != null) check("dBias", dBias, g.outC());
        if (zero(dy)) {
            // what the GEMM's zero skipping and the bias sums give (+0 added: a −0 becomes +0), without the im2col of x
            addZero(dWeight);
            if (dBias != null) addZero(dBias);
            return;
        }
        ConvImpl.backwardWeights(g, x, dy, dWeight, dBias);
    }

    /**
     * Images per chunk for {@code g} when {@code threads} threads share the batch: enough for a GEMM
     * about {@value #TARGET_COLUMNS} columns wide, no more than the column budget allows, and no more
     * than an even share of the batch per thread.
     */
    public static int imagesPerChunk(ConvGeometry g, int threads) {
        int plane = g.outPlane();
        long perImage = (long) g.patch() * plane;
        long wanted = Math.max(1, (TARGET_COLUMNS + plane - 1) / plane);
        long byMemory = Math.max(1, COL_BUDGET / perImage);
        long share = Math.max(1, ((long) g.n() + threads - 1) / threads);
        return (int) Math.max(1, Math.min(Math.min(wanted, byMemory), share));
    }

    /** Whether dy is all ±0 (the GEMM's own zero test, on vectors where it has them). */
    static boolean zero(float[] dy) {
        return GEMM.allZero(dy, 0, dy.length);
    }

    /** Adds +0 to every element (a −0 becomes +0): what summing all-zero products into {@code a} gives. */
    static void addZero(float[] a) {
        for (int i = 0; i < a.length; i++) a[i] += 0f;
    }

    private static void check(String name, float[] a, int size) {
        if (a == null) throw new IllegalArgumentException(name + " is null");
        if (a.length != size) {
            throw new IllegalArgumentException(name + ": expected " + size + " elements, array has " + a.length);
        }
    }
}
