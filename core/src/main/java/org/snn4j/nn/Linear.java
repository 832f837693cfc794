package org.snn4j.nn;

import java.util.Arrays;
import java.util.List;
import org.snn4j.kernels.Gemm;
import org.snn4j.kernels.Reductions;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Fully connected layer: {@code y = x · Wᵀ + b} with T folded into the batch (M = T·N rows).
 *
 * <p>Shapes: input {@code [T, N, in]}, output {@code [T, N, out]}, weight W {@code [out, in]}, bias b
 * {@code [out]}. Backward: {@code ∂W += ∂yᵀ · x}, {@code ∂b += Σ_rows ∂y}, {@code ∂x = ∂y · W}.
 * Parameters {@code <name>.weight} (decayed) and {@code <name>.bias} (not decayed).
 */
public final class Linear implements WeightedLayer {
    private final String name;
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    /** He-normal weights N(0, 2/in), zero bias. */
    public Linear(String name, int in, int out, boolean bias, Rng initRng) {
        this(name, in, out, bias, Math.sqrt(2.0 / in), initRng);
    }

    /** Weights N(0, std²), zero bias (e.g. std = sqrt(1/in) for Lee's ResNet). */
    public static Linear withStd(String name, int in, int out, boolean bias, double std, Rng initRng) {
        return new Linear(name, in, out, bias, std, initRng);
    }

    private Linear(String name, int in, int out, boolean bias, double std, Rng initRng) {
        if (in < 1 || out < 1) throw new IllegalArgumentException(name + ": in and out must be >= 1, were " + in + ", " + out);
        if (!(std >= 0) || Double.isInfinite(std)) throw new IllegalArgumentException(name + ": bad init std " + std);
        this.name = name;
        this.in = in;
        this.out = out;
        Tensor w = Tensor.zeros(out, in);
        initRng.fillGaussian(w.data(), std);
        this.weight = new Parameter(name + ".weight", w, true);
        this.bias = bias ? new Parameter(name + ".bias", Tensor.zeros(out), false) : null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 1) {
            throw new ShapeException(name, "per-sample input shape", "[" + in + "]", Arrays.toString(inputShape));
        }
        if (inputShape[0] != in) throw new ShapeException(name, "input features", String.valueOf(in), String.valueOf(inputShape[0]));
        return new int[] {out};
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        return forward(input, ctx, ForwardKernel.DENSE);
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx, ForwardKernel outputKernel) {
        if (input.rank() != 3) throw new ShapeException(name, "input shape", "[T, N, " + in + "]", input.shapeString());
        outputShape(input.shapeFrom(2));
        int rows = input.dim(0) * input.dim(1);
        Tensor y = ctx.empty(input.dim(0), input.dim(1), out);
        ctx.listeners().synapses(name, input, ctx.steps(), (long) in * out, () -> null);
        float[] x = input.data();
        if (!outputKernel.compute(input, y)) forwardDense(rows, x, y.data());
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, y);
        return Pass.of(name, y, (gradOutput, needInputGrad) -> {
            float[] dy = gradOutput.data();
            Gemm.sgemm(true, false, out, in, rows, 1f, dy, 0, out, x, 0, in, 1f, weight.grad().data(), 0, in);
            if (bias != null) {
                double[] sums = new double[out];
                Reductions.channelSums(dy, rows, out, 1, sums);
                float[] db = bias.grad().data();
                for (int j = 0; j < out; j++) db[j] += (float) sums[j];
            }
            if (!needInputGrad) return null;
            Tensor dx = ctx.empty(input.shape());
            if (Gemm.sgemmFinite(false, false, rows, in, out, 1f, dy, 0, out, weight.value().data(), 0, in, 0f, dx.data(), 0, in)) {
                Finite.scannedByProducer(dx.data());   // scanned block by block as the GEMM wrote it
            }
            Finite.checkOwn(this, "input gradient", dx);
            return dx;
        });
    }

    /** The dense kernel of {@link #forward} alone: {@code y = x · Wᵀ + b} over {@code rows} rows. */
    private void forwardDense(int rows, float[] x, float[] y) {
        Gemm.sgemm(false, true, rows, out, in, 1f, x, 0, in, weight.value().data(), 0, in, 0f, y, 0, out);
        if (bias != null) {
            float[] b = bias.value().data();
            for (int r = 0; r < rows; r++) {
                int base = r * out;
                for (int j = 0; j < out; j++) y[base + j] += b[j];
            }
        }
    }

    /**
     * The dense kernel of {@link #forward} alone, for an inference engine that weighs it against its own.
     *
     * @param input  {@code [T, N, in]}; read
     * @param output {@code [T, N, out]}; overwritten
     */
    public void forwardDense(Tensor input, Tensor output) {
        if (input.rank() != 3) throw new ShapeException(name, "input shape", "[T, N, " + in + "]", input.shapeString());
        outputShape(input.shapeFrom(2));
        int rows = input.dim(0) * input.dim(1);
        if (output.size() != rows * out) throw new ShapeException(name, "output size", String.valueOf(rows * out), String.valueOf(output.size()));
        forwardDense(rows, input.data(), output.data());
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    /** The weight {@code [out, in]}. */
    @Override
    public Parameter weight() {
        return weight;
    }

    /** The bias {@code [out]}, or null when the layer has none. */
    @Override
    public Parameter bias() {
        return bias;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }
}
