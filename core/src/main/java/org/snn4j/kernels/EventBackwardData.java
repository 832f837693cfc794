package org.snn4j.kernels;

import java.util.Arrays;

/**
 * A convolution's input gradient from the events of its output gradient: what {@link Conv2dKernels#backwardData}
 * computes by a GEMM over every output position, here with work in proportion to the non-zero entries of
 * {@code ∂L/∂y} (in a spiking network, the neurons whose surrogate derivative is not zero).
 *
 * <p>With stride 1, {@code ∂L/∂x} is the forward convolution of {@code ∂L/∂y} padded by the kernel less one less
 * the padding, with the kernel flipped and its channel axes swapped ({@link #transposed}). So the event forward
 * ({@link EventKernels#convForward}) computes it, with its machinery and its vector and scalar twins: each image
 * lists its non-zero output gradients, appends each one's taps to the input positions it reaches, and sums those
 * lists into channel-last rows of the input channels, from the flipped weights laid out
 * {@code [outC, kh, kw, padded(c)]} ({@link #flippedChannelLast}). Other geometries (strided, or padded by more
 * than the kernel less one) are not supported ({@link #supports}).
 *
 * <p>The event forward is bit-identical to the dense forward, and the GEMM path computes the input gradient as
 * that same dense forward when {@code c ≥ outC} ({@code ConvImpl.backwardData}): there the two are equal bit for
 * bit ({@link #sameBitsAsGemmPath}). Otherwise the GEMM path folds {@code Wᵀ·∂L/∂y} (col2im), the same products
 * summed in another order, so each element of either is within {@code n·u·Σ|w·∂L/∂y|} of the exact sum
 * ({@code n = outC·kh·kw} terms, {@code u = 2⁻²⁴}; Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed.,
 * §3.1) and the two within twice that of each other ({@code EventBackwardDataTest}). An all-zero output gradient
 * gives +0 everywhere, as the GEMM path does; a non-finite one reaches the same input positions (taps that fall
 * outside the input are never summed).
 */
public final class EventBackwardData {
    /** One thread's flipped weights, grown on demand. */
    private static final ThreadLocal<float[]> WEIGHTS = ThreadLocal.withInitial(() -> new float[0]);

    private EventBackwardData() {}

    /** Whether {@code g} can run by events: stride 1, padded by less than the kernel (e.g. 'same' odd kernels). */
    public static boolean supports(ConvGeometry g) {
        return g.strideH() == 1 && g.strideW() == 1 && g.padH() < g.kh() && g.padW() < g.kw();
    }

    /** Whether {@link #backwardData} gives {@code g}'s GEMM path's bits ({@code c ≥ outC}; see the class comment). */
    public static boolean sameBitsAsGemmPath(ConvGeometry g) {
        return supports(g) && g.c() >= g.outC();
    }

    /**
     * The input gradient of the convolution {@code g}, as {@link Conv2dKernels#backwardData} computes it, from the
     * events of {@code dy}.
     *
     * @param dy     {@code [n, outC, outH, outW]}; read
     * @param weight {@code [outC, c, kh, kw]}; read
     * @param dx     {@code [n, c, h, w]}; overwritten
     * @return synaptic operations done: Σ over non-zero output gradients of c × the taps that reach an input
     * @throws IllegalArgumentException for a geometry not {@link #supports supported}, or arrays that do not fit it
     */
    public static long backwardData(ConvGeometry g, float[] dy, float[] weight, float[] dx) {
        return backwardData(EventKernels.KERNEL, g, dy, weight, dx);
    }

    /** {@link #backwardData} with the event kernel {@code kernel} (the twins' test). */
    static long backwardData(EventKernel kernel, ConvGeometry g, float[] dy, float[] weight, float[] dx) {
        if (!supports(g)) throw new IllegalArgumentException("the input gradient by events needs stride 1 and padding below the kernel: " + g);
        EventKernels.check("dy", dy, g.outputSize());
        EventKernels.check("weight", weight, g.weightSize());
        EventKernels.check("dx", dx, g.inputSize());
        if (dx == dy) throw new IllegalArgumentException("dx must not alias dy");
        if (Conv2dKernels.zero(dy)) {
            Arrays.fill(dx, 0f);      // what the GEMM path gives (+0), without the lists
            return 0;
        }
        ConvGeometry t = transposed(g);
        int size = t.patch() * EventKernels.padded(t.outC());
        float[] w = WEIGHTS.get();
        if (w.length < size) WEIGHTS.set(w = new float[size]);
        flippedChannelLast(g, weight, w);
        return EventKernels.convForward(kernel, t, dy, w, null, dx);
    }

    /**
     * The forward convolution whose output is the input gradient of {@code g} (stride 1): over the output gradient,
     * {@code outC → c} channels, padded by the kernel less one less {@code g}'s padding.
     */
    static ConvGeometry transposed(ConvGeometry g) {
        return new ConvGeometry(g.n(), g.outC(), g.outH(), g.outW(), g.c(), g.kh(), g.kw(), 1, 1, g.kh() - 1 - g.padH(),
                g.kw() - 1 - g.padW());
    }

    /**
     * The weights of {@link #transposed} as the event forward reads them: {@code t[o, tap, ci] = weight[o, ci,
     * taps − 1 − tap]} in rows of {@code padded(c)} (the kernel flipped; zero in the padding).
     *
     * @param weight {@code [outC, c, kh, kw]}; read
     * @param t      at least {@code outC·kh·kw·padded(c)}; its first that many overwritten
     */
    static void flippedChannelLast(ConvGeometry g, float[] weight, float[] t) {
        int outC = g.outC(), c = g.c(), taps = g.kh() * g.kw(), row = EventKernels.padded(c);
        Parallel.forRange(outC, Parallel.grainFor(taps * row), (o0, o1) -> {    // rows of t: each thread writes its own
            for (int o = o0; o < o1; o++) {
                for (int tap = 0; tap < taps; tap++) {
                    int dst = (o * taps + tap) * row, src = o * c * taps + taps - 1 - tap;
                    for (int ci = 0; ci < c; ci++) t[dst + ci] = weight[src + ci * taps];
                    Arrays.fill(t, dst + c, dst + row, 0f);
                }
            }
        });
    }
}
