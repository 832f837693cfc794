package org.snn4j.nn;

import java.util.List;
import org.snn4j.kernels.Conv2dKernels;
import org.snn4j.kernels.ConvGeometry;
import org.snn4j.kernels.EventBackwardData;
import org.snn4j.kernels.EventWeightGradient;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * 2-D convolution over a sequence of images, T folded into the batch.
 *
 * <p>{@code y[t, n, o, i, j] = b[o] + Σ_{c, ki, kj} W[o, c, ki, kj] · x[t, n, c, i·s − p + ki, j·s − p + kj]}
 * (zero outside the image). Shapes: input {@code [T, N, Cin, H, W]}, output {@code [T, N, Cout, Hout, Wout]}
 * with {@code Hout = (H + 2p − k) / s + 1}; parameters {@code <name>.weight [Cout, Cin, k, k]} (decayed)
 * and {@code <name>.bias [Cout]} (not decayed, optional).
 *
 * <p>Backward: {@code ∂L/∂x = col2im(Wᵀ · ∂L/∂y)} (returned), {@code ∂L/∂W += ∂L/∂y · col(x)ᵀ},
 * {@code ∂L/∂b += Σ ∂L/∂y} (accumulated). The pass keeps a reference to the input. The weight gradient is
 * the GEMM's, or, as an executor chooses ({@link WeightGradientChoice}: for an input that is mostly zeros,
 * e.g. spikes), summed over the input's non-zero values ({@link EventWeightGradient}, equal within rounding); the
 * input gradient likewise by the GEMM path or from the output gradient's non-zero values ({@link InputGradientChoice},
 * {@link EventBackwardData}).
 *
 * <p>Initialisation: weights N(0, 2/fan_in) (He), fan_in = Cin·k·k, bias 0. Other standard deviations
 * through {@link #withWeightStd}, e.g. {@link #fanInStd} (N(0, 1/fan_in), as in Lee et al.'s ResNets).
 */
public final class Conv2d implements WeightedLayer {
    private final String name;
    private final int inChannels, outChannels, kernel, stride, padding;
    private final Parameter weight;
    private final Parameter bias;

    /** He-normal initialised convolution (see the class comment). */
    public Conv2d(String name, int inChannels, int outChannels, int kernel, int stride, int padding,
                  boolean bias, Rng initRng) {
        this(name, inChannels, outChannels, kernel, stride, padding, bias,
                heStd(inChannels * kernel * kernel), initRng);
    }

    private Conv2d(String name, int inChannels, int outChannels, int kernel, int stride, int padding,
                   boolean bias, double weightStd, Rng initRng) {
        if (inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException(name + ": bad Conv2d configuration in=" + inChannels + " out="
                    + outChannels + " kernel=" + kernel + " stride=" + stride + " padding=" + padding);
        }
        if (!(weightStd >= 0) || Double.isInfinite(weightStd)) {
            throw new IllegalArgumentException(name + ": weight std must be finite and >= 0, was " + weightStd);
        }
        this.name = name;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        Tensor w = Tensor.zeros(outChannels, inChannels, kernel, kernel);
        initRng.fillGaussian(w.data(), weightStd);
        this.weight = new Parameter(name + ".weight", w, true);
        this.bias = bias ? new Parameter(name + ".bias", Tensor.zeros(outChannels), false) : null;
    }

    /** A convolution whose weights are drawn from N(0, weightStd²) (bias 0): the initialiser hook. */
    public static Conv2d withWeightStd(String name, int inChannels, int outChannels, int kernel, int stride,
                                       int padding, boolean bias, double weightStd, Rng initRng) {
        return new Conv2d(name, inChannels, outChannels, kernel, stride, padding, bias, weightStd, initRng);
    }

    /** He et al.: sqrt(2 / fanIn), for ReLU-like units (the default). */
    public static double heStd(int fanIn) {
        return Math.sqrt(2.0 / fanIn);
    }

    /** sqrt(1 / fanIn), the initialisation of Lee et al.'s spiking ResNets. */
    public static double fanInStd(int fanIn) {
        return Math.sqrt(1.0 / fanIn);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] outputShape(int[] in) {
        ImageShapes.requireImage(name, in);
        if (in[0] != inChannels) {
            throw new ShapeException(name, "input channels", String.valueOf(inChannels), String.valueOf(in[0]));
        }
        int outH = ImageShapes.windowOutput(name, "height", in[1], kernel, stride, padding);
        int outW = ImageShapes.windowOutput(name, "width", in[2], kernel, stride, padding);
        return new int[] {outChannels, outH, outW};
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        return forward(input, ctx, ForwardKernel.DENSE);
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx, ForwardKernel outputKernel) {
        return forward(input, ctx, outputKernel, WeightGradientChoice.DENSE);
    }

    /**
     * As {@link #forward(Tensor, ForwardContext, ForwardKernel)}, the weight gradient in backward computed by
     * the kernel {@code gradientKernel} chooses.
     */
    public Pass forward(Tensor input, ForwardContext ctx, ForwardKernel outputKernel, WeightGradientChoice gradientKernel) {
        return forward(input, ctx, outputKernel, gradientKernel, InputGradientChoice.DENSE);
    }

    /**
     * As {@link #forward(Tensor, ForwardContext, ForwardKernel, WeightGradientChoice)}, the input gradient computed
     * by the kernel {@code inputKernel} chooses where the events can compute it ({@link EventBackwardData#supports}).
     */
    public Pass forward(Tensor input, ForwardContext ctx, ForwardKernel outputKernel, WeightGradientChoice gradientKernel,
                        InputGradientChoice inputKernel) {
        ImageShapes.requireSequenceOfImages(name, input);
        int[] out = outputShape(input.shapeFrom(2));
        ConvGeometry g = geometry(input);
        Tensor y = ctx.empty(Tensor.concat(new int[] {input.dim(0), input.dim(1)}, out));
        countOps(input, out, ctx);
        if (!outputKernel.compute(input, y)) forwardDense(g, input, y);
        Finite.checkOwn(this, "forward output", y);
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, y);
        return Pass.of(name, y, (gradOutput, needInputGrad) -> {
            float[] dy = gradOutput.data();
            float[] dBias = bias == null ? null : bias.grad().data();
            gradientKernel.run(input, () -> EventWeightGradient.backwardWeights(g, input.data(), dy, weight.grad().data(), dBias),
                    () -> Conv2dKernels.backwardWeights(g, input.data(), dy, weight.grad().data(), dBias));
            Finite.check(name, "weight gradient", weight.grad());
            if (bias != null) Finite.check(name, "bias gradient", bias.grad());
            if (!needInputGrad) return null;
            Tensor dx = ctx.empty(input.shape());
            float[] w = weight.value().data();
            Runnable dense = () -> {
                if (Conv2dKernels.backwardData(g, dy, w, dx.data())) Finite.scannedByProducer(dx.data());
            };
            if (EventBackwardData.supports(g)) inputKernel.run(g, gradOutput, () -> EventBackwardData.backwardData(g, dy, w, dx.data()), dense);
            else dense.run();
            Finite.checkOwn(Conv2d.this, "input gradient", dx);
            return dx;
        });
    }

    /**
     * Reports this layer's synaptic operations on {@code input} to the pass's {@link SynapseListener}s (what
     * {@link #forward} does; also for an engine that runs this layer inside a fused block).
     */
    public void countOps(Tensor input, ForwardContext ctx) {
        countOps(input, outputShape(input.shapeFrom(2)), ctx);
    }

    private void countOps(Tensor input, int[] out, ForwardContext ctx) {
        ctx.listeners().synapses(name, input, ctx.steps(), (long) outChannels * out[1] * out[2] * inChannels * kernel * kernel,
                () -> fanOut(input.dim(3), input.dim(4), out[1], out[2]));
    }

    /** The dense kernel (im2col + GEMM) of {@link #forward} alone: {@code y} from {@code input} over geometry {@code g}. */
    private void forwardDense(ConvGeometry g, Tensor input, Tensor y) {
        // the kernel scans y image by image as it writes it: the NaN guard's check of y that follows is skipped
        if (Conv2dKernels.forward(g, input.data(), weight.value().data(), bias == null ? null : bias.value().data(), y.data())) {
            Finite.scannedByProducer(y.data());
        }
    }

    /**
     * The dense kernel of {@link #forward} alone, for an inference engine that weighs it against its own.
     *
     * @param input  {@code [T, N, Cin, H, W]}, checked as by forward; read
     * @param output {@code [T, N, Cout, Hout, Wout]}; overwritten
     */
    public void forwardDense(Tensor input, Tensor output) {
        ImageShapes.requireSequenceOfImages(name, input);
        int[] out = outputShape(input.shapeFrom(2));
        int expected = input.dim(0) * input.dim(1) * out[0] * out[1] * out[2];
        if (output.size() != expected) throw new ShapeException(name, "output size", String.valueOf(expected), String.valueOf(output.size()));
        forwardDense(geometry(input), input, output);
    }

    /** The geometry of this convolution over the T·N images of {@code input} ({@code [T, N, Cin, H, W]}, unchecked). */
    public ConvGeometry geometry(Tensor input) {
        return new ConvGeometry(input.dim(0) * input.dim(1), inChannels, input.dim(3), input.dim(4), outChannels, kernel,
                kernel, stride, stride, padding, padding);
    }

    /** Outputs each input element {@code (c, iy, ix)} reaches: outC × the window rows covering iy × the columns covering ix. */
    private int[] fanOut(int h, int w, int outH, int outW) {
        int[] f = new int[inChannels * h * w];
        for (int iy = 0; iy < h; iy++) {
            int rows = ImageShapes.windowsCovering(iy, outH, kernel, stride, padding);
            for (int ix = 0; ix < w; ix++) {
                int reached = outChannels * rows * ImageShapes.windowsCovering(ix, outW, kernel, stride, padding);
                for (int c = 0; c < inChannels; c++) f[(c * h + iy) * w + ix] = reached;
            }
        }
        return f;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    public boolean hasBias() {
        return bias != null;
    }

    /** {@code <name>.weight}, {@code [Cout, Cin, k, k]}. */
    @Override
    public Parameter weight() {
        return weight;
    }

    /** {@code <name>.bias}, {@code [Cout]}, or {@code null} when the layer has no bias. */
    @Override
    public Parameter bias() {
        return bias;
    }
}
