package org.snn4j.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.GradientCheck;
import org.snn4j.nn.Pass;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class IntegratingReadoutTest {
    @Test
    void leakyAccumulationByHand() {
        // T = 3, α = 0.5, one output: U = 0.5·(0 + 2) = 1; 0.5·(1 + 4) = 2.5; 0.5·(2.5 + 1) = 1.75 → /3
        IntegratingReadout r = new IntegratingReadout("out", 0.5f, false);
        Pass pass = r.forward(new Tensor(new float[] {2, 4, 1}, 3, 1, 1), ForwardContext.evaluationWithBackward());
        assertArrayEquals(new int[] {1, 1, 1}, pass.output().shape());
        assertArrayEquals(new float[] {1.75f / 3}, pass.output().data(), 1e-6f);
        // exact gradient α^{T−t+1}/T: 0.125/3, 0.25/3, 0.5/3
        float[] g = pass.backward(Tensor.full(3f, 1, 1, 1), true).data();
        assertArrayEquals(new float[] {0.125f, 0.25f, 0.5f}, g, 1e-6f);
    }

    @Test
    void leeStraightThroughIgnoresTheLeak() {
        IntegratingReadout r = new IntegratingReadout("out", 0.99f, true);
        Pass pass = r.forward(new Tensor(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 1, 2), ForwardContext.evaluationWithBackward());
        double u0 = 0, u1 = 0;
        for (int t = 0; t < 4; t++) {
            u0 = 0.99 * (u0 + 1 + 2 * t);
            u1 = 0.99 * (u1 + 2 + 2 * t);
        }
        assertArrayEquals(new float[] {(float) (u0 / 4), (float) (u1 / 4)}, pass.output().data(), 1e-5f);
        float[] g = pass.backward(new Tensor(new float[] {1f, -2f}, 1, 1, 2), true).data();
        assertArrayEquals(new float[] {0.25f, -0.5f, 0.25f, -0.5f, 0.25f, -0.5f, 0.25f, -0.5f}, g, 1e-7f);
    }

    @Test
    void finiteDifferences() {
        Tensor input = Tensor.zeros(5, 3, 4);
        new Rng(2).fillUniform(input.data(), -1f, 1f);
        GradientCheck.standard().check(new IntegratingReadout("out", 0.9f, false), input,
                ForwardContext::evaluationWithBackward);
        GradientCheck.standard().check(new IntegratingReadout("out"), input, ForwardContext::evaluationWithBackward);
    }
}
