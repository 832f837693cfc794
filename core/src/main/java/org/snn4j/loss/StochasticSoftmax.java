package org.snn4j.loss;

import java.util.Locale;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Stochastic softmax ("stochmax", Panda et al. 2020, our reading in shared/papers.md §2.3): softmax
 * cross-entropy on noise-perturbed logits during training, plain softmax cross-entropy at evaluation.
 *
 * <p>Per sample n, with ξ_n drawn by the {@link LogitNoise} form from the loss's random stream:
 * z̃_n = z_n + σ·ξ_n, L = (1/N) Σ_n −log softmax(z̃_n)_{y_n}. The noise is additive, so
 * ∂L/∂z_nj = ∂L/∂z̃_nj = (softmax(z̃_n)_j − onehot_j(y_n))/N. The scale σ(p) = σ₀·a(p) follows an
 * {@link Annealing} over the training progress p ∈ [0, 1] (fraction of all mini-batches done), set by
 * {@link #atProgress}; {@link #forEvaluation} is the plain {@link SoftmaxCrossEntropy}.
 */
public final class StochasticSoftmax implements Loss {
    /** How σ shrinks over training: a(p) = 1, 1 − p, or (1 + cos πp)/2. */
    public enum Annealing {
        CONSTANT, LINEAR, COSINE;

        /** a(p), the fraction of σ₀ left at progress p ∈ [0, 1]. */
        public double factor(double p) {
            return switch (this) {
                case CONSTANT -> 1;
                case LINEAR -> 1 - p;
                case COSINE -> (1 + Math.cos(Math.PI * p)) / 2;
            };
        }

        /** The name in {@code --loss stochmax:...}: {@code constant}, {@code linear}, {@code cosine}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws Snn4jException listing the valid names */
        public static Annealing byLabel(String label) {
            for (Annealing a : values()) if (a.label().equals(label)) return a;
            throw new Snn4jException("unknown stochmax annealing '" + label + "' (valid: constant, linear, cosine)");
        }
    }

    /** σ₀ when {@code --loss stochmax} gives none. */
    public static final double DEFAULT_SCALE = 1.0;

    private static final SoftmaxCrossEntropy PLAIN = new SoftmaxCrossEntropy();
    private final LogitNoise noise;
    private final double scale;
    private final Annealing annealing;
    private final double progress;

    /**
     * At the start of training (p = 0, σ = σ₀).
     *
     * @param scale σ₀, finite and ≥ 0
     * @throws Snn4jException for a negative or non-finite σ₀
     */
    public StochasticSoftmax(LogitNoise noise, double scale, Annealing annealing) {
        this(noise, scale, annealing, 0);
    }

    private StochasticSoftmax(LogitNoise noise, double scale, Annealing annealing, double progress) {
        if (!(scale >= 0) || !Double.isFinite(scale)) throw new Snn4jException("stochmax: noise scale must be finite and >= 0, was " + scale);
        this.noise = java.util.Objects.requireNonNull(noise, "noise");
        this.annealing = java.util.Objects.requireNonNull(annealing, "annealing");
        this.scale = scale;
        this.progress = progress;
    }

    /**
     * Parses the {@code --loss} value {@code stochmax[:SIGMA[:NOISE[:ANNEALING]]]} (defaults 1, gaussian, linear).
     *
     * @throws Snn4jException naming the malformed part
     */
    public static StochasticSoftmax parse(String text) {
        String[] parts = text.split(":", -1);
        if (!parts[0].equals("stochmax") || parts.length > 4) {
            throw new Snn4jException("stochmax loss '" + text + "' is not stochmax[:SIGMA[:NOISE[:ANNEALING]]]");
        }
        double sigma;
        try {
            sigma = parts.length > 1 ? Double.parseDouble(parts[1]) : DEFAULT_SCALE;
        } catch (NumberFormatException e) {
            throw new Snn4jException("stochmax: noise scale '" + parts[1] + "' is not a number");
        }
        LogitNoise n = parts.length > 2 ? LogitNoise.byLabel(parts[2]) : LogitNoise.GAUSSIAN;
        Annealing a = parts.length > 3 ? Annealing.byLabel(parts[3]) : Annealing.LINEAR;
        return new StochasticSoftmax(n, sigma, a);
    }

    /** σ at this loss's progress: σ₀·a(p). */
    public double currentScale() {
        return scale * annealing.factor(progress);
    }

    /** The same loss at training progress {@code p} (clamped to [0, 1]). */
    @Override
    public Loss atProgress(double p) {
        return new StochasticSoftmax(noise, scale, annealing, Math.min(1, Math.max(0, p)));
    }

    /** Plain softmax cross-entropy: no noise at evaluation. */
    @Override
    public Loss forEvaluation() {
        return PLAIN;
    }

    @Override
    public Result evaluate(Tensor readout, int[] labels, Rng rng) {
        int[] nk = Readouts.batchAndClasses(readout, labels, "stochmax");
        int n = nk[0], k = nk[1];
        float sigma = (float) currentScale();
        Tensor noisy = readout.copy();
        float[] z = noisy.data(), xi = new float[k];
        for (int i = 0; i < n; i++) {
            noise.sample(xi, labels[i], rng);
            for (int j = 0; j < k; j++) z[i * k + j] += sigma * xi[j];
        }
        return PLAIN.evaluate(noisy, labels, rng);  // ∂L/∂z = ∂L/∂z̃: the noise is additive
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "stochmax(%s, σ₀=%s, %s)", noise.label(), scale, annealing.label());
    }
}
