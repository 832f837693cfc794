package org.snn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.nn.Parameter;
import org.snn4j.tensor.Tensor;

class SgdTest {
    private static final double LR = 0.1;
    /** w after steps 1..3 with g = GRADS, lr = 0.1: plain SGD (also the undecayed bias under weight decay). */
    private static final double[][] PLAIN = {{0.95, -1.98}, {0.98, -2.02}, {0.955, -2.03}};
    /** wd = 0.01, no momentum. */
    private static final double[][] DECAY = {{0.949, -1.978}, {0.978051, -2.016022}, {0.952072949, -2.024005978}};
    /** μ = 0.9, wd = 0.01. */
    private static final double[][] MOMENTUM = {{0.949, -1.978}, {0.932151, -1.996222}, {0.891054749, -2.020625578}};
    /** μ = 0.9, Nesterov, wd = 0.01. */
    private static final double[][] NESTEROV = {{0.9031, -1.9582}, {0.91707411, -2.01265942}, {0.854221158191, -2.042611225102}};

    @Test
    void plainSgd() {
        run(0, false, 0, PLAIN, PLAIN);
    }

    @Test
    void weightDecayOnlyOnDecayedParameters() {
        run(0, false, 0.01, DECAY, PLAIN);
    }

    @Test
    void heavyBallMomentum() {
        run(0.9, false, 0.01, MOMENTUM, null);
    }

    @Test
    void nesterovMomentum() {
        run(0.9, true, 0.01, NESTEROV, null);
    }

    private static void run(double mu, boolean nesterov, double wd, double[][] weight, double[][] bias) {
        OptimizerFixture f = new OptimizerFixture();
        Sgd sgd = new Sgd(f.params(), mu, nesterov, wd);
        for (int k = 0; k < 3; k++) {
            f.step(sgd, k, LR);
            assertArrayEquals(weight[k], toDouble(f.weight.value().data()), 1e-6, "weight after step " + (k + 1));
            if (bias != null) assertArrayEquals(bias[k], toDouble(f.bias.value().data()), 1e-6, "bias after step " + (k + 1));
        }
        assertEquals(3, sgd.stepCount());
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    @Test
    void stateHoldsStepAndMomentumBuffers() {
        OptimizerFixture f = new OptimizerFixture();
        Sgd sgd = new Sgd(f.params(), 0.9, false, 0);
        f.step(sgd, 0, LR);
        var state = sgd.state();
        assertEquals(List.of("step", "momentum_buffer/w", "momentum_buffer/b"), List.copyOf(state.keySet()));
        assertArrayEquals(new float[] {1}, state.get("step").data());
        assertArrayEquals(new float[] {0.5f, -0.2f}, state.get("momentum_buffer/w").data());
        state.get("momentum_buffer/w").data()[0] = 99; // a copy: the optimizer is unaffected
        assertEquals(0.5f, sgd.state().get("momentum_buffer/w").data()[0]);
        assertEquals(List.of("step"), List.copyOf(new Sgd(f.params()).state().keySet()));
    }

    @Test
    void refusesBadHyperparameters() {
        List<Parameter> p = new OptimizerFixture().params();
        assertTrue(assertThrows(Snn4jException.class, () -> new Sgd(p, 0, true, 0)).getMessage().contains("Nesterov"));
        assertThrows(Snn4jException.class, () -> new Sgd(p, 1, false, 0));
        assertThrows(Snn4jException.class, () -> new Sgd(p, -0.1, false, 0));
        assertThrows(Snn4jException.class, () -> new Sgd(p, 0.9, false, -1e-4));
        assertThrows(Snn4jException.class, () -> new Sgd(p, 0.9, false, Double.NaN));
        Parameter a = new Parameter("x", Tensor.zeros(1), true), b = new Parameter("x", Tensor.zeros(2), true);
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(a, b)));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(p).step(Double.NaN));
    }
}
