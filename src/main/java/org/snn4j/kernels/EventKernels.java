package org.snn4j.kernels;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Event-driven forward kernels for layers fed by spikes: instead of multiplying every input, each
 * image (or row) lists its non-zero inputs, the events (index and value, so amplitude-θ spikes and
 * average-pooled spikes work as well as 0/1), and adds each event's weight row, scaled by its value,
 * to the outputs it reaches. Work is proportional to the events, not to the inputs.
 *
 * <p>Bit-identical to the dense kernels ({@link Conv2dKernels#forward}, and {@link Gemm} for a linear
 * layer): a GEMM sums every output element as {@code fma(w, x, acc)} over k in increasing order, in
 * the k blocks of its driver ({@code PackedGemm.kStep}), adding each later block's sum to the earlier
 * ones, then adds the bias. Here each output element receives its events in the same k order (events
 * are listed in input index order; for a convolution input (c, iy, ix) reaches output (oy, ox) through
 * tap k = c·kh·kw + ki·kw + kj with ki, kj increasing with iy, ix), summed in the same blocks, merged
 * and biased with the same roundings; a zero input adds exactly nothing to a GEMM's sum. So the spike
 * trains downstream are identical too, with no threshold ties to worry about.
 *
 * <p>A convolution scatters into a channel-last scratch image {@code [outH, outW, outC]}, where one
 * event and one tap add a contiguous run of outC weights (from a channel-last weight copy
 * {@code [c, kh, kw, outC]}, {@link #transposed}), then transposes it into the NCHW output.
 * Images (rows) are split over the threads of {@link Parallel}; each thread keeps its event list and
 * scratch between calls. Facades check array sizes and throw {@link IllegalArgumentException}.
 */
public final class EventKernels {
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private EventKernels() {}

    /** One thread's event list and scratch, grown on demand; contents are scratch. */
    private static final class Buffers {
        int[] index = new int[0];
        float[] value = new float[0], sum = new float[0], block = new float[0];

        void fit(int inputs, int outputs) {
            if (index.length < inputs) {
                index = new int[inputs];
                value = new float[inputs];
            }
            if (sum.length < outputs) {
                sum = new float[outputs];
                block = new float[outputs];
            }
        }
    }

    /**
     * The transposed weights the event kernels read: of a linear layer ({@code [out, in] → [in, out]}),
     * or of a convolution seen as {@code [outC, c·kh·kw]}, which gives the channel-last
     * {@code [c, kh, kw, outC]}.
     *
     * @param weight {@code [out, in]}; read
     * @return {@code [in, out]}, a new array
     */
    public static float[] transposed(int out, int in, float[] weight) {
        check("weight", weight, out * in);
        float[] t = new float[weight.length];
        for (int j = 0; j < out; j++) {
            for (int i = 0; i < in; i++) t[i * out + j] = weight[j * in + i];
        }
        return t;
    }

    /**
     * Fraction of non-zero inputs over up to {@code sampled} images spread evenly over the batch (0 for an
     * empty batch): what an "auto" engine compares with its crossover, at a small fraction of a scan.
     *
     * @param x {@code [images, imageSize]}; read
     */
    public static double density(float[] x, int images, int imageSize, int sampled) {
        check("x", x, images * imageSize);
        if (images == 0 || imageSize == 0) return 0;
        int step = Math.max(1, images / Math.max(1, sampled));
        long nonZero = 0, seen = 0;
        EventKernel kernel = KernelProvider.get().events();
        for (int i = 0; i < images; i += step, seen += imageSize) {
            nonZero += kernel.countNonZero(x, i * imageSize, (i + 1) * imageSize);
        }
        return (double) nonZero / seen;
    }

    /**
     * Convolution forward from the events of each image, bit-identical to {@link Conv2dKernels#forward}.
     *
     * @param x                 {@code [n, c, h, w]}; read
     * @param weightChannelLast {@code [c, kh, kw, outC]} ({@link #transposed} of {@code [outC, c·kh·kw]}); read
     * @param bias              {@code [outC]} or {@code null}; read
     * @param y                 {@code [n, outC, outH, outW]}; overwritten
     * @return synaptic operations done: Σ over events of outC × the taps that reach an output
     */
    public static long convForward(ConvGeometry g, float[] x, float[] weightChannelLast, float[] bias, float[] y) {
        check("x", x, g.inputSize());
        check("weight", weightChannelLast, g.weightSize());
        if (bias != null) check("bias", bias, g.outC());
        check("y", y, g.outputSize());
        return convForward(KernelProvider.get().events(), g, x, weightChannelLast, bias, y);
    }

    static long convForward(EventKernel kernel, ConvGeometry g, float[] x, float[] weightChannelLast, float[] bias,
                            float[] y) {
        LongAdder ops = new LongAdder();
        Parallel.forRange(g.n(), 4, (from, to) -> {
            Buffers buffers = BUFFERS.get();
            buffers.fit(g.c() * g.h() * g.w(), g.outC() * g.outPlane());
            long done = 0;
            for (int image = from; image < to; image++) done += convImage(kernel, g, x, image, weightChannelLast, bias, y, buffers);
            ops.add(done);
        });
        return ops.sum();
    }

    /** One image: gather its events, scatter them block by block into the channel-last sum, transpose. */
    private static long convImage(EventKernel kernel, ConvGeometry g, float[] x, int image, float[] weight, float[] bias,
                                  float[] y, Buffers b) {
        int hw = g.h() * g.w(), inSize = g.c() * hw, outC = g.outC(), plane = g.outPlane(), outSize = outC * plane;
        int taps = g.kh() * g.kw(), patch = g.patch(), step = PackedGemm.kStep(patch, PackedGemm.KC);
        int events = kernel.gather(x, image * inSize, inSize, b.index, b.value);
        Arrays.fill(b.sum, 0, outSize, 0f);
        long ops = 0;
        int first = 0;
        for (int k0 = 0; k0 < patch; k0 += step) {
            int k1 = Math.min(patch, k0 + step);
            float[] target = k0 == 0 ? b.sum : b.block;
            if (k0 > 0) Arrays.fill(b.block, 0, outSize, 0f);
            // the events of the channels whose taps meet [k0, k1); a channel may straddle two blocks
            int channelEnd = (k1 - 1) / taps + 1;
            while (first < events && b.index[first] / hw < k0 / taps) first++;
            for (int e = first; e < events && b.index[e] / hw < channelEnd; e++) {
                ops += scatter(kernel, g, b.index[e], b.value[e], k0, k1, weight, target);
            }
            // a later k block adds its sum to the earlier ones, as the GEMM's store with beta = 1
            if (k0 > 0) for (int i = 0; i < outSize; i++) b.sum[i] = b.block[i] + b.sum[i];
        }
        int yOff = image * outSize;
        for (int o = 0; o < outC; o++) {
            float add = bias == null ? 0f : bias[o];
            for (int p = 0, at = yOff + o * plane; p < plane; p++) y[at + p] = b.sum[p * outC + o] + add;
        }
        return ops;
    }

    /** Adds one event's taps with k in [k0, k1) into the channel-last {@code target}; returns outC × taps added. */
    private static long scatter(EventKernel kernel, ConvGeometry g, int input, float value, int k0, int k1, float[] weight,
                                float[] target) {
        int w = g.w(), hw = g.h() * w, c = input / hw, iy = (input - c * hw) / w, ix = input - c * hw - iy * w;
        int kh = g.kh(), kw = g.kw(), outH = g.outH(), outW = g.outW(), outC = g.outC();
        int base = c * kh * kw;
        long ops = 0;
        for (int ki = 0; ki < kh; ki++) {
            int ny = iy + g.padH() - ki;           // = oy · strideH; falls with ki
            if (ny < 0) break;
            if (ny % g.strideH() != 0 || ny / g.strideH() >= outH) continue;
            int row = ny / g.strideH() * outW;
            for (int kj = 0; kj < kw; kj++) {
                int nx = ix + g.padW() - kj;
                if (nx < 0) break;
                int k = base + ki * kw + kj;
                if (nx % g.strideW() != 0 || nx / g.strideW() >= outW || k < k0 || k >= k1) continue;
                kernel.accumulate(value, weight, k * outC, target, (row + nx / g.strideW()) * outC, outC);
                ops += outC;
            }
        }
        return ops;
    }

    /**
     * Linear forward from the events of each row, bit-identical to {@code y = x·Wᵀ} by {@link Gemm} then
     * {@code y += b}.
     *
     * @param x                {@code [rows, in]}; read
     * @param weightTransposed {@code [in, out]} ({@link #transposed}); read
     * @param bias             {@code [out]} or {@code null}; read
     * @param y                {@code [rows, out]}; overwritten
     * @return synaptic operations done: events × out
     */
    public static long linearForward(int rows, int in, int out, float[] x, float[] weightTransposed, float[] bias, float[] y) {
        check("x", x, rows * in);
        check("weight", weightTransposed, in * out);
        if (bias != null) check("bias", bias, out);
        check("y", y, rows * out);
        return linearForward(KernelProvider.get().events(), rows, in, out, x, weightTransposed, bias, y);
    }

    static long linearForward(EventKernel kernel, int rows, int in, int out, float[] x, float[] weightTransposed, float[] bias,
                              float[] y) {
        LongAdder ops = new LongAdder();
        int step = PackedGemm.kStep(in, PackedGemm.KC);
        Parallel.forRange(rows, 16, (from, to) -> {
            Buffers b = BUFFERS.get();
            b.fit(in, out);
            long done = 0;
            for (int r = from; r < to; r++) {
                int events = kernel.gather(x, r * in, in, b.index, b.value), yOff = r * out;
                Arrays.fill(y, yOff, yOff + out, 0f);
                for (int k0 = 0, e = 0; k0 < in; k0 += step) {
                    int k1 = Math.min(in, k0 + step);
                    float[] target = k0 == 0 ? y : b.block;
                    int tOff = k0 == 0 ? yOff : 0;
                    if (k0 > 0) Arrays.fill(b.block, 0, out, 0f);
                    for (; e < events && b.index[e] < k1; e++) {
                        kernel.accumulate(b.value[e], weightTransposed, b.index[e] * out, target, tOff, out);
                    }
                    if (k0 > 0) for (int j = 0; j < out; j++) y[yOff + j] = b.block[j] + y[yOff + j];
                }
                if (bias != null) for (int j = 0; j < out; j++) y[yOff + j] += bias[j];
                done += (long) events * out;
            }
            ops.add(done);
        });
        return ops.sum();
    }

    private static void check(String name, float[] a, int size) {
        if (a == null) throw new IllegalArgumentException(name + " is null");
        if (a.length != size) {
            throw new IllegalArgumentException(name + ": expected " + size + " elements, array has " + a.length);
        }
    }
}
