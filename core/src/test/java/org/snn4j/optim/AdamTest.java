package org.snn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.nn.Parameter;

class AdamTest {
    private static final double LR = 0.01;
    /** w after steps 1..3, β = (0.9, 0.999), ε = 1e-8, no decay (also the undecayed bias in the other cases). */
    private static final double[][] ADAM = {
            {0.9900000002, -1.9900000005}, {0.9880850198941775, -1.9936610356546038}, {0.9842055683692071, -1.9978175474963837}};
    /** Adam, L2 weight decay 0.1 added to the gradient. */
    private static final double[][] ADAM_L2 = {
            {0.9900000001666667, -1.99000000025}, {0.9860115861622782, -1.9873559274772667}, {0.9802270797498107, -1.983983034921308}};
    /** AdamW, decoupled weight decay 0.1. */
    private static final double[][] ADAMW = {
            {0.9890000002, -1.9880000005}, {0.9860960198939775, -1.989673035654104}, {0.9812304723491132, -1.9918398744602297}};

    @Test
    void biasCorrectedFirstSteps() {
        OptimizerFixture f = new OptimizerFixture();
        run(f, new Adam(f.params(), 0.9, 0.999, 1e-8, 0), ADAM, ADAM);
    }

    @Test
    void firstStepMovesByLearningRateTimesSign() {
        // m̂ = g, v̂ = g² after one step, so Δw = −lr·g/(|g| + ε)
        OptimizerFixture f = new OptimizerFixture();
        Adam adam = new Adam(f.params(), 0.5, 0.5, 1e-8, 0);
        f.step(adam, 0, LR);
        assertArrayEquals(new double[] {1 - LR, -2 + LR}, SgdTest.toDouble(f.weight.value().data()), 1e-6);
    }

    @Test
    void l2DecayIsAddedToTheGradient() {
        OptimizerFixture f = new OptimizerFixture();
        run(f, new Adam(f.params(), 0.9, 0.999, 1e-8, 0.1), ADAM_L2, ADAM);
    }

    @Test
    void adamWDecaysTheWeightsDirectly() {
        OptimizerFixture f = new OptimizerFixture();
        run(f, new AdamW(f.params(), 0.9, 0.999, 1e-8, 0.1), ADAMW, ADAM);
    }

    private static void run(OptimizerFixture f, Adam opt, double[][] weight, double[][] bias) {
        for (int k = 0; k < 3; k++) {
            f.step(opt, k, LR);
            assertArrayEquals(weight[k], SgdTest.toDouble(f.weight.value().data()), 2e-7, "weight after step " + (k + 1));
            assertArrayEquals(bias[k], SgdTest.toDouble(f.bias.value().data()), 2e-7, "bias after step " + (k + 1));
        }
        assertEquals(List.of("step", "exp_avg/w", "exp_avg/b", "exp_avg_sq/w", "exp_avg_sq/b"), List.copyOf(opt.state().keySet()));
        assertEquals(3, opt.state().get("step").data()[0]);
    }

    @Test
    void refusesBadHyperparameters() {
        List<Parameter> p = new OptimizerFixture().params();
        assertThrows(Snn4jException.class, () -> new Adam(p, 1, 0.999, 1e-8, 0));
        assertThrows(Snn4jException.class, () -> new Adam(p, 0.9, -0.1, 1e-8, 0));
        assertThrows(Snn4jException.class, () -> new Adam(p, 0.9, 0.999, 0, 0));
        assertThrows(Snn4jException.class, () -> new AdamW(p, 0.9, 0.999, 1e-8, -1));
    }
}
