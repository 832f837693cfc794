package org.snn4j.nn;

import java.util.List;
import org.snn4j.kernels.Reductions;
import org.snn4j.tensor.Tensor;

/**
 * Batch normalisation per channel: {@code y = γ · s · (x − μ) / sqrt(σ² + eps) + β}, with a fixed scale s
 * (1 for a plain batch norm; α·V_th for Zheng et al.'s threshold-dependent tdBN, whose statistics over time,
 * batch and space are these).
 *
 * <p>Shapes: input and output {@code [T, N, C]} or {@code [T, N, C, H, W]} (any per-sample shape
 * {@code [C, ...]}); statistics are taken per channel over the M = T·N·(H·W) values of that channel.
 * Training: μ, σ² are the batch mean and biased variance; the buffers are then updated (the only state
 * a forward call mutates, and only when {@link ForwardContext#training()}):
 * {@code running_mean ← (1 − m)·running_mean + m·μ}, {@code running_var ← (1 − m)·running_var + m·σ²·M/(M − 1)}
 * (unbiased; m = momentum). Evaluation: μ, σ² are the running statistics.
 *
 * <p>Backward, with x̂ = (x − μ)/sqrt(σ² + eps): {@code ∂β += Σ ∂y}, {@code ∂γ += Σ ∂y·x̂}; in training
 * {@code ∂x = γ/(M·sqrt(σ² + eps)) · (M·∂y − Σ∂y − x̂·Σ∂y·x̂)} (sums per channel), in evaluation
 * {@code ∂x = γ·∂y/sqrt(σ² + eps)}. Parameters {@code <name>.weight} (γ, init 1) and {@code <name>.bias}
 * (β, init 0), neither decayed (with s ≠ 1 the formulas hold with γ·s in place of γ, and
 * {@code ∂γ += s·Σ ∂y·x̂}); buffers {@code <name>.running_mean} (init 0), {@code <name>.running_var} (init 1).
 */
public final class BatchNorm implements Layer {
    private final String name;
    private final int channels;
    private final double momentum;
    private final double eps;
    private final double scale;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    /** A plain batch norm (scale 1). */
    public BatchNorm(String name, int channels, double momentum, double eps) {
        this(name, channels, momentum, eps, 1);
    }

    /**
     * A batch norm whose normalised value is multiplied by {@code scale} before γ and β (tdBN: α·V_th).
     *
     * @throws IllegalArgumentException for channels &lt; 1, momentum outside [0, 1], eps or scale not &gt; 0
     */
    public BatchNorm(String name, int channels, double momentum, double eps, double scale) {
        if (!(scale > 0 && Double.isFinite(scale))) throw new IllegalArgumentException(name + ": scale must be finite and > 0, was " + scale);
        if (channels < 1) throw new IllegalArgumentException(name + ": channels must be >= 1, was " + channels);
        if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException(name + ": momentum must be in [0, 1], was " + momentum);
        if (!(eps > 0)) throw new IllegalArgumentException(name + ": eps must be > 0, was " + eps);
        this.name = name;
        this.channels = channels;
        this.momentum = momentum;
        this.eps = eps;
        this.scale = scale;
        this.gamma = new Parameter(name + ".weight", Tensor.full(1f, channels), false);
        this.beta = new Parameter(name + ".bias", Tensor.zeros(channels), false);
        this.runningMean = new Parameter(name + ".running_mean", Tensor.zeros(channels), false);
        this.runningVar = new Parameter(name + ".running_var", Tensor.full(1f, channels), false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length < 1) throw new ShapeException(name, "per-sample input shape", "[" + channels + ", ...]", "[]");
        if (inputShape[0] != channels) {
            throw new ShapeException(name, "input channels", String.valueOf(channels), String.valueOf(inputShape[0]));
        }
        return inputShape.clone();
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        if (input.rank() < 3) throw new ShapeException(name, "input shape", "[T, N, " + channels + ", ...]", input.shapeString());
        outputShape(input.shapeFrom(2));
        int batch = input.dim(0) * input.dim(1), spatial = input.sizeFrom(3);
        long m = (long) batch * spatial;
        double[] mean = new double[channels], invStd = new double[channels];
        boolean batchStats = ctx.training();
        if (batchStats) {
            if (m == 0) throw new ShapeException(name, "values per channel in training", ">= 1", "0");
            double[] squares = new double[channels];
            Reductions.channelSumsAndSquares(input.data(), batch, channels, spatial, mean, squares);
            float[] rm = runningMean.value().data(), rv = runningVar.value().data();
            for (int c = 0; c < channels; c++) {
                mean[c] /= m;
                double var = Math.max(0, squares[c] / m - mean[c] * mean[c]);
                invStd[c] = 1 / Math.sqrt(var + eps);
                double unbiased = m > 1 ? var * m / (m - 1) : var;
                rm[c] = (float) ((1 - momentum) * rm[c] + momentum * mean[c]);
                rv[c] = (float) ((1 - momentum) * rv[c] + momentum * unbiased);
            }
        } else {
            float[] rm = runningMean.value().data(), rv = runningVar.value().data();
            for (int c = 0; c < channels; c++) {
                mean[c] = rm[c];
                invStd[c] = 1 / Math.sqrt(rv[c] + eps);
            }
        }
        Tensor y = ctx.zeros(input.shape());
        float[] x = input.data(), yd = y.data(), g = gamma.value().data(), b = beta.value().data();
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                double k = g[c] * scale * invStd[c];
                float mul = (float) k, shift = (float) (b[c] - k * mean[c]);
                int base = (n * channels + c) * spatial;
                for (int i = base; i < base + spatial; i++) yd[i] = x[i] * mul + shift;
            }
        }
        if (!ctx.keepForBackward()) return Pass.inferenceOnly(name, y);
        return Pass.of(name, y, (gradOutput, needInputGrad) -> backwardPass(x, gradOutput, batch, spatial, mean, invStd, batchStats, needInputGrad, ctx));
    }

    private Tensor backwardPass(float[] x, Tensor gradOutput, int batch, int spatial, double[] mean,
                                double[] invStd, boolean batchStats, boolean needInputGrad, ForwardContext ctx) {
        float[] dy = gradOutput.data();
        double[] sumDy = new double[channels], sumDyXhat = new double[channels];
        Reductions.channelSums(dy, batch, channels, spatial, sumDy);
        Reductions.channelDots(dy, x, batch, channels, spatial, sumDyXhat);
        float[] dGamma = gamma.grad().data(), dBeta = beta.grad().data(), g = gamma.value().data();
        for (int c = 0; c < channels; c++) {
            // Σ ∂y·x̂ = invStd·(Σ ∂y·x − μ·Σ ∂y), exact in double for float inputs.
            sumDyXhat[c] = invStd[c] * (sumDyXhat[c] - mean[c] * sumDy[c]);
            dGamma[c] += (float) (scale * sumDyXhat[c]);
            dBeta[c] += (float) sumDy[c];
        }
        if (!needInputGrad) return null;
        Tensor dx = ctx.zeros(gradOutput.shape());
        float[] dxd = dx.data();
        double m = (double) batch * spatial;
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * spatial;
                double k = g[c] * scale * invStd[c];
                if (batchStats) {
                    double meanDy = sumDy[c] / m, meanDyXhat = sumDyXhat[c] / m;
                    for (int i = base; i < base + spatial; i++) {
                        double xhat = (x[i] - mean[c]) * invStd[c];
                        dxd[i] = (float) (k * (dy[i] - meanDy - xhat * meanDyXhat));
                    }
                } else {
                    for (int i = base; i < base + spatial; i++) dxd[i] = (float) (k * dy[i]);
                }
            }
        }
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public List<Parameter> buffers() {
        return List.of(runningMean, runningVar);
    }

    /** γ, {@code [C]}. */
    public Parameter weight() {
        return gamma;
    }

    /** β, {@code [C]}. */
    public Parameter bias() {
        return beta;
    }

    /** Running mean buffer {@code [C]}. */
    public Parameter runningMean() {
        return runningMean;
    }

    /** Running (unbiased) variance buffer {@code [C]}. */
    public Parameter runningVar() {
        return runningVar;
    }

    /** The fixed scale s of the normalised value: 1, or tdBN's α·V_th. */
    public double scale() {
        return scale;
    }

    public double eps() {
        return eps;
    }

    public double momentum() {
        return momentum;
    }

    public int channels() {
        return channels;
    }
}
