package org.snn4j.neuron;

import org.snn4j.kernels.SurrogateKind;
import org.snn4j.kernels.SurrogateSpec;

/**
 * Rectangular (box) surrogate: g'(x) = 1/w for |x| &lt; w/2, else 0; g(x) = clamp(x/w + 1/2, 0, 1).
 *
 * @param width w &gt; 0 (default 1: gradient for H within θ/2 of the threshold)
 */
public record Rectangular(double width) implements Surrogate {
    public Rectangular {
        Surrogates.requirePositive("rectangular width", width);
    }

    public Rectangular() {
        this(1.0);
    }

    @Override
    public String name() {
        return "rectangular";
    }

    @Override
    public SurrogateSpec spec() {
        return new SurrogateSpec(SurrogateKind.RECTANGULAR, (float) width, 0f);
    }

    @Override
    public double primitive(double x) {
        return Math.min(1.0, Math.max(0.0, x / width + 0.5));
    }

    @Override
    public double derivative(double x) {
        return Math.abs(x) < width / 2 ? 1 / width : 0;
    }
}
