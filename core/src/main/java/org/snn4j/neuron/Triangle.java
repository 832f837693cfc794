package org.snn4j.neuron;

import org.snn4j.kernels.SurrogateKind;
import org.snn4j.kernels.SurrogateSpec;

/**
 * Triangle surrogate, Rathi's and DIET-SNN's "linear": g'(x) = γ·max(0, 1 − |x|) with x = H/θ − 1.
 * g(x) = γ·(1+x)²/2 on [−1, 0], γ·(1 − (1−x)²/2) on [0, 1], 0 below and γ above.
 *
 * @param gamma γ &gt; 0 (default 0.3, as in both codes)
 */
public record Triangle(double gamma) implements Surrogate {
    public Triangle {
        Surrogates.requirePositive("triangle gamma", gamma);
    }

    public Triangle() {
        this(0.3);
    }

    @Override
    public String name() {
        return "triangle";
    }

    @Override
    public SurrogateSpec spec() {
        return new SurrogateSpec(SurrogateKind.TRIANGLE, (float) gamma, 0f);
    }

    @Override
    public double primitive(double x) {
        if (x <= -1) return 0;
        if (x >= 1) return gamma;
        return x < 0 ? gamma * (1 + x) * (1 + x) / 2 : gamma * (1 - (1 - x) * (1 - x) / 2);
    }

    @Override
    public double derivative(double x) {
        return gamma * Math.max(0, 1 - Math.abs(x));
    }
}
