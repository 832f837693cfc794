package org.snn4j.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.snn4j.kernels.NeuronLoops;
import org.snn4j.kernels.NeuronSpec;

class SurrogateTest {
    static Stream<Surrogate> smoothSurrogates() {
        return Stream.of(new Rectangular(), new Rectangular(0.6), new Triangle(), new Triangle(1.0),
                new FastSigmoid(), new FastSigmoid(10), new ArcTan(), new ArcTan(0.5));
    }

    @ParameterizedTest
    @MethodSource("smoothSurrogates")
    void derivativeIsCentralDifferenceOfPrimitive(Surrogate s) {
        double h = 1e-5;
        for (double x : new double[] {-0.75, -0.25, 0.25, 0.75}) {
            double numeric = (s.primitive(x + h) - s.primitive(x - h)) / (2 * h);
            assertEquals(numeric, s.derivative(x), 1e-6, s + " at " + x);
        }
        assertEquals(0, s.primitive(-50), 1e-1, "primitive starts near 0");
    }

    @ParameterizedTest
    @MethodSource("smoothSurrogates")
    void kernelInlinesTheSameDerivativeOverTheta(Surrogate s) {
        float theta = 0.8f;
        for (double x : new double[] {-0.75, -0.25, 0.25, 0.75}) {
            // one step, one neuron: ∂L/∂X = ∂L/∂S · g'(x)/θ with H = θ(1 + x)
            NeuronSpec spec = new NeuronSpec(1f, theta, false, true, true, false, s.spec());
            float[] input = {(float) (theta * (1 + x))}, spikes = new float[1], gx = new float[1];
            NeuronLoops.chargeFireResetForward(spec, input, spikes, 1, 1);
            assertEquals(x > 0 ? 1f : 0f, spikes[0], "forward is Heaviside");
            NeuronLoops.bpttReverse(spec, input, new float[] {1f}, gx, 1, 1, null);
            double xActual = (input[0] - theta) / theta;
            assertEquals(s.derivative(xActual) / theta, gx[0], 1e-5, s + " at " + x);
        }
    }

    @Test
    void stdbDecaysWithTimeSinceLastSpike() {
        Stdb s = new Stdb();
        assertEquals(0.3, s.derivativeAt(0), 1e-12);
        assertEquals(0.3 * Math.exp(-0.05), s.derivativeAt(5), 1e-12);
        assertFalse(s.hasPrimitive());
        assertThrows(UnsupportedOperationException.class, () -> s.primitive(0));
    }

    @Test
    void leeFactorMatchesPaperValues() {
        // papers.md §6.2 U4: α = 0.99, T = 100
        LeeDerivative lee = new LeeDerivative();
        float[] last = new float[100], first = new float[100], silent = new float[100];
        last[99] = 1;
        first[0] = 1;
        assertEquals(0.98995, lee.factor(last, 0.99), 1e-5);
        assertEquals(0.99628, lee.factor(first, 0.99), 1e-5);
        assertEquals(0, lee.factor(silent, 0.99), 1e-5);
        assertEquals(1, new LeeDerivative(false).factor(silent, 0.99));
    }

    @Test
    void parametersAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Triangle(0));
        assertThrows(IllegalArgumentException.class, () -> new Rectangular(-1));
        assertThrows(IllegalArgumentException.class, () -> new FastSigmoid(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Stdb(0.3, -1));
    }
}
