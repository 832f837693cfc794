package org.snn4j.encode;

import java.util.Objects;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Bernoulli rate code with sign, exactly as Lee et al.'s code: at every step t and element i, with a fresh
 * u ~ U[0, 1), s_t,i = sign(x_i) · 1[gain·|x_i| &gt; u]. A spike is +1 or −1 (negative inputs, e.g.
 * normalized CIFAR pixels, emit −1 spikes), its probability per step is min(1, gain·|x_i|), x = 0 never
 * fires and gain·|x| ≥ 1 fires at every step. Lee et al. use gain 0.5 for MNIST (pixels in [0, 1]) and 1
 * for CIFAR-10.
 *
 * <p>Draws are taken from {@code rng} in output order (t, then the row-major input index), one per element
 * per step, so a given seed reproduces the code exactly.
 */
public final class BernoulliEncoder implements Encoder {
    private final double gain;

    /**
     * @param gain c &gt; 0, the spike probability per unit of |x|
     * @throws Snn4jException when gain is not finite and positive
     */
    public BernoulliEncoder(double gain) {
        if (!(gain > 0) || Double.isInfinite(gain)) throw new Snn4jException("bernoulli encoder: gain must be finite and > 0, was " + gain);
        this.gain = gain;
    }

    public double gain() {
        return gain;
    }

    @Override
    public Tensor encode(Tensor input, int steps, Rng rng) {
        EncoderArgs.check("bernoulli", input, steps);
        Objects.requireNonNull(rng, "rng");
        float[] x = input.data();
        int n = x.length;
        // p_i = gain·|x_i| in float32, as the reference code computes it; sign kept separately.
        float c = (float) gain;
        float[] p = new float[n];
        float[] sign = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = c * Math.abs(x[i]);
            sign[i] = Math.signum(x[i]);
        }
        Tensor out = Tensor.zeros(Tensor.concat(new int[] {steps}, input.shape()));
        float[] o = out.data();
        for (int t = 0; t < steps; t++) {
            int base = t * n;
            for (int i = 0; i < n; i++) {
                if (p[i] > rng.nextFloat()) o[base + i] = sign[i];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "bernoulli(gain " + gain + ")";
    }
}
