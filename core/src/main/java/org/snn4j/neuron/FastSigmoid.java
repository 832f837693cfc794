package org.snn4j.neuron;

import org.snn4j.kernels.SurrogateKind;
import org.snn4j.kernels.SurrogateSpec;

/**
 * Fast sigmoid (SuperSpike's shape): g(x) = ½·(1 + k·x/(1 + k|x|)), g'(x) = k / (2·(1 + k|x|)²).
 *
 * @param slope k &gt; 0 (default 4: peak derivative 2, half of it at |x| ≈ 0.1)
 */
public record FastSigmoid(double slope) implements Surrogate {
    public FastSigmoid {
        Surrogates.requirePositive("fast-sigmoid slope", slope);
    }

    public FastSigmoid() {
        this(4.0);
    }

    @Override
    public String name() {
        return "fast-sigmoid";
    }

    @Override
    public SurrogateSpec spec() {
        return new SurrogateSpec(SurrogateKind.FAST_SIGMOID, (float) slope, 0f);
    }

    @Override
    public double primitive(double x) {
        return 0.5 * (1 + slope * x / (1 + slope * Math.abs(x)));
    }

    @Override
    public double derivative(double x) {
        double q = 1 + slope * Math.abs(x);
        return slope / (2 * q * q);
    }
}
