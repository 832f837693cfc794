package org.snn4j.loss;

import java.util.Locale;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Rng;

/**
 * The noise a {@link StochasticSoftmax} adds to the logits of one sample, before scaling by σ:
 * <ul>
 *   <li>{@link #GAUSSIAN}: ξ_j ~ N(0, 1) on every logit;</li>
 *   <li>{@link #GUMBEL}: ξ_j = −log(−log U_j), U_j ~ U(0, 1), on every logit (softmax of Gumbel-perturbed
 *       logits samples the class distribution: the Gumbel-max trick);</li>
 *   <li>{@link #TARGET}: only the target logit, ξ_y = −|N(0, 1)| (Chen et al.'s Noisy Softmax: the target
 *       score is pushed down, which postpones the saturation of the softmax).</li>
 * </ul>
 */
public enum LogitNoise {
    GAUSSIAN, GUMBEL, TARGET;

    /** The name in {@code --loss stochmax:...}: {@code gaussian}, {@code gumbel}, {@code target}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The noise named {@code label}.
     *
     * @throws Snn4jException listing the valid names
     */
    public static LogitNoise byLabel(String label) {
        for (LogitNoise n : values()) if (n.label().equals(label)) return n;
        throw new Snn4jException("unknown logit noise '" + label + "' (valid: gaussian, gumbel, target)");
    }

    /**
     * Writes one sample's unscaled noise into {@code xi} (K values; zeros where this form adds none).
     *
     * @param target the sample's label
     */
    void sample(float[] xi, int target, Rng rng) {
        java.util.Arrays.fill(xi, 0f);
        switch (this) {
            case GAUSSIAN -> {
                for (int j = 0; j < xi.length; j++) xi[j] = (float) rng.nextGaussian();
            }
            case GUMBEL -> {
                for (int j = 0; j < xi.length; j++) {
                    double u = Math.max(rng.nextFloat(), 1e-12);  // nextFloat is in [0, 1): keep log finite
                    xi[j] = (float) -Math.log(-Math.log(u));
                }
            }
            case TARGET -> xi[target] = (float) -Math.abs(rng.nextGaussian());
        }
    }
}
