package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Tensor;

class ReLUTest {
    @Test
    void handWorkedValues() {
        Pass pass = new ReLU("relu").forward(new Tensor(new float[] {-2, 0, 3, -0.5f}, 1, 1, 4),
                ForwardContext.evaluationWithBackward());
        assertArrayEquals(new float[] {0, 0, 3, 0}, pass.output().data());
        assertArrayEquals(new float[] {0, 0, 7, 0}, pass.backward(Tensor.full(7f, 1, 1, 4), true).data());
    }

    @Test
    void gradientsAwayFromZero() {
        Tensor x = LinearTest.random(4, 3, 2, 10);
        for (int i = 0; i < x.size(); i++) x.data()[i] += Math.signum(x.data()[i]) * 0.1f; // |x| ≥ 0.1
        GradientCheck.standard().check(new ReLU("relu"), x, ForwardContext::evaluationWithBackward);
    }
}
