package org.snn4j.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.StreamStates;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.GradientCheck;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class LeakyIntegratorTest {
    @Test
    void integratesWithLeakAndScaleAtEveryStep() {
        // U = 0.5·U + 2·X: X = 1, 0, 1 → 2, 1, 2.5
        LeakyIntegrator li = new LeakyIntegrator("li", 0.5f, 2f);
        Tensor x = new Tensor(new float[] {1, 0, 1}, 3, 1, 1);
        assertArrayEquals(new float[] {2f, 1f, 2.5f}, li.forward(x, ForwardContext.evaluation()).output().data());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor x = Tensor.zeros(6, 2, 3);
        new Rng(4).fillUniform(x.data(), -1f, 1f);
        new GradientCheck(1e-3, 1e-4, 1e-3).check(new LeakyIntegrator("li", 0.8f, 1.5f), x, ForwardContext::evaluationWithBackward);
        Tensor held = Tensor.zeros(1, 2, 3);
        new Rng(5).fillUniform(held.data(), -1f, 1f);
        new GradientCheck(1e-3, 1e-4, 1e-3).check(new LeakyIntegrator("li", 0.8f, 1.5f), held,
                () -> ForwardContext.evaluationWithBackward().withSteps(5));
    }

    @Test
    void carriedStateContinuesTheMembrane() {
        LeakyIntegrator li = new LeakyIntegrator("li", 0.9f, 1f);
        Tensor x = Tensor.zeros(8, 2, 3);
        new Rng(6).fillUniform(x.data(), -1f, 1f);
        float[] whole = li.forward(x, ForwardContext.evaluation()).output().data();
        StreamStates state = new StreamStates(2);
        float[] first = li.forward(new Tensor(Arrays.copyOfRange(x.data(), 0, 18), 3, 2, 3), ForwardContext.evaluation().with(state))
                .output().data();
        float[] rest = li.forward(new Tensor(Arrays.copyOfRange(x.data(), 18, 48), 5, 2, 3), ForwardContext.evaluation().with(state))
                .output().data();
        assertArrayEquals(Arrays.copyOfRange(whole, 0, 18), first);
        assertArrayEquals(Arrays.copyOfRange(whole, 18, 48), rest);
    }

    @Test
    void refusesALeakOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new LeakyIntegrator("li", 1.5f, 1f));
    }
}
