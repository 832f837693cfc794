package org.snn4j.neuron;

import org.snn4j.kernels.SurrogateKind;
import org.snn4j.kernels.SurrogateSpec;

/**
 * Arctangent surrogate: g(x) = ½ + atan(π·a·x/2)/π, g'(x) = (a/2) / (1 + (π·a·x/2)²).
 *
 * @param slope a &gt; 0 (default 2, SpikingJelly's default: peak derivative 1)
 */
public record ArcTan(double slope) implements Surrogate {
    public ArcTan {
        Surrogates.requirePositive("arctan slope", slope);
    }

    public ArcTan() {
        this(2.0);
    }

    @Override
    public String name() {
        return "arctan";
    }

    @Override
    public SurrogateSpec spec() {
        return new SurrogateSpec(SurrogateKind.ARCTAN, (float) slope, 0f);
    }

    @Override
    public double primitive(double x) {
        return 0.5 + Math.atan(Math.PI / 2 * slope * x) / Math.PI;
    }

    @Override
    public double derivative(double x) {
        double u = Math.PI / 2 * slope * x;
        return slope / 2 / (1 + u * u);
    }
}
