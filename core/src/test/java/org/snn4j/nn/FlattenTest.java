package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Tensor;

class FlattenTest {
    @Test
    void flattensSampleShapeSharingData() {
        Tensor x = LinearTest.random(1, 2, 3, 4, 2, 2);
        Flatten f = new Flatten("flat");
        Pass pass = f.forward(x, ForwardContext.evaluationWithBackward());
        assertArrayEquals(new int[] {2, 3, 16}, pass.output().shape());
        assertSame(x.data(), pass.output().data());
        Tensor g = LinearTest.random(2, 2, 3, 16);
        Tensor dx = pass.backward(g, true);
        assertArrayEquals(new int[] {2, 3, 4, 2, 2}, dx.shape());
        assertArrayEquals(g.data(), dx.data());
        assertArrayEquals(new int[] {16}, f.outputShape(new int[] {4, 2, 2}));
    }

    @Test
    void gradients() {
        GradientCheck.standard().check(new Flatten("flat"), LinearTest.random(3, 2, 2, 3, 2, 2),
                ForwardContext::evaluationWithBackward);
    }

    @Test
    void shapeErrors() {
        Flatten f = new Flatten("flat");
        Pass pass = f.forward(Tensor.zeros(1, 2, 3, 2), ForwardContext.evaluationWithBackward());
        ShapeException e = assertThrows(ShapeException.class, () -> pass.backward(Tensor.zeros(1, 2, 5), true));
        assertEquals("flat: output gradient shape expected [1, 2, 6], was [1, 2, 5]", e.getMessage());
    }
}
