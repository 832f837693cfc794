package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** AvgPool2d and MaxPool2d: gradients, shapes, errors. */
class PoolLayersTest {
    /** Distinct values 0.1 apart in shuffled order: no ties, no argmax flips under ε = 0.01. */
    private static Tensor distinct(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        int[] order = new int[t.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        new Rng(seed).shuffle(order);
        for (int i = 0; i < order.length; i++) t.data()[i] = 0.1f * order[i] - 0.05f * order.length;
        return t;
    }

    @Test
    void avgPoolGradients() {
        GradientCheck.standard().check(new AvgPool2d("pool", 2, 2), Conv2dTest.random(1, 2, 2, 3, 4, 6),
                ForwardContext::evaluationWithBackward);
        GradientCheck.standard().check(new AvgPool2d("pool", 3, 2, 1), Conv2dTest.random(2, 1, 2, 2, 5, 5),
                ForwardContext::evaluationWithBackward);
    }

    @Test
    void maxPoolGradients() {
        GradientCheck.standard().check(new MaxPool2d("pool", 2, 2), distinct(3, 2, 2, 3, 4, 6),
                ForwardContext::evaluationWithBackward);
        GradientCheck.standard().check(new MaxPool2d("pool", 3, 2, 1), distinct(4, 2, 1, 2, 5, 5),
                ForwardContext::evaluationWithBackward);
    }

    @Test
    void handWorkedForward() {
        Tensor x = new Tensor(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 1, 1, 1, 4, 4);
        assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f},
                new AvgPool2d("a", 2, 2).forward(x, ForwardContext.evaluation()).output().data());
        Pass max = new MaxPool2d("m", 2, 2).forward(x, ForwardContext.evaluationWithBackward());
        assertArrayEquals(new int[] {1, 1, 1, 2, 2}, max.output().shape());
        assertArrayEquals(new float[] {6, 8, 14, 16}, max.output().data());
        Tensor dx = max.backward(new Tensor(new float[] {1, 2, 3, 4}, 1, 1, 1, 2, 2), true);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4}, dx.data());
        assertNull(max.backward(new Tensor(new float[] {1, 2, 3, 4}, 1, 1, 1, 2, 2), false));
    }

    @Test
    void shapesAndErrors() {
        MaxPool2d max = new MaxPool2d("pool1", 3, 2, 1);
        assertArrayEquals(new int[] {7, 16, 8}, max.outputShape(new int[] {7, 32, 15}));
        AvgPool2d avg = new AvgPool2d("pool2", 4, 4);
        ShapeException small = assertThrows(ShapeException.class, () -> avg.outputShape(new int[] {2, 3, 8}));
        assertTrue(small.getMessage().startsWith("pool2: input height expected at least 4"), small.getMessage());
        assertThrows(ShapeException.class, () -> avg.outputShape(new int[] {8, 8}));
        assertThrows(ShapeException.class, () -> max.forward(Tensor.zeros(2, 3, 8, 8), ForwardContext.evaluation()));
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d("bad", 2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new AvgPool2d("bad", 2, 0));
        Pass pass = avg.forward(Tensor.zeros(1, 1, 1, 8, 8), ForwardContext.evaluation());
        assertThrows(IllegalStateException.class, () -> pass.backward(pass.output(), true));
        Tensor bad = Tensor.zeros(1, 1, 1, 4, 4);
        bad.data()[5] = Float.POSITIVE_INFINITY;
        NumericalException e = assertThrows(NumericalException.class, () -> avg.forward(bad, ForwardContext.evaluation()));
        assertEquals("pool2", e.layer());
    }
}
