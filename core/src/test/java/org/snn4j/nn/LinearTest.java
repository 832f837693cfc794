package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class LinearTest {
    static Tensor random(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        new Rng(seed).fillUniform(t.data(), -1f, 1f);
        return t;
    }

    @Test
    void handWorkedForwardAndBackward() {
        Linear fc = new Linear("fc", 2, 2, true, new Rng(1));
        System.arraycopy(new float[] {1, 2, 3, 4}, 0, fc.weight().value().data(), 0, 4);
        System.arraycopy(new float[] {10, 20}, 0, fc.bias().value().data(), 0, 2);
        Tensor x = new Tensor(new float[] {1, 1, 2, -1}, 2, 1, 2); // T=2, N=1
        Pass pass = fc.forward(x, ForwardContext.evaluationWithBackward());
        assertArrayEquals(new float[] {13, 27, 10, 22}, pass.output().data());
        Tensor dx = pass.backward(new Tensor(new float[] {1, 0, 0, 1}, 2, 1, 2), true);
        assertArrayEquals(new float[] {1, 2, 3, 4}, dx.data());               // rows of W picked by ∂y
        assertArrayEquals(new float[] {1, 1, 2, -1}, fc.weight().grad().data()); // ∂yᵀ·x
        assertArrayEquals(new float[] {1, 1}, fc.bias().grad().data());
        pass.backward(new Tensor(new float[] {1, 0, 0, 1}, 2, 1, 2), false);
        assertArrayEquals(new float[] {2, 2}, fc.bias().grad().data(), "parameter gradients accumulate");
    }

    @Test
    void gradientsWithBias() {
        Linear fc = new Linear("fc", 5, 3, true, new Rng(2));
        new Rng(9).fillUniform(fc.bias().value().data(), -1f, 1f);
        GradientCheck.standard().check(fc, random(3, 2, 3, 5), ForwardContext::evaluationWithBackward);
    }

    @Test
    void gradientsWithoutBias() {
        Linear fc = new Linear("fc", 4, 6, false, new Rng(4));
        assertNull(fc.bias());
        assertEquals(List.of(fc.weight()), fc.parameters());
        GradientCheck.standard().check(fc, random(5, 3, 2, 4), ForwardContext::evaluationWithBackward);
    }

    @Test
    void initialisationAndParameterNames() {
        Linear he = new Linear("fc1", 200, 100, true, new Rng(6));
        assertEquals("fc1.weight", he.weight().name());
        assertEquals("fc1.bias", he.bias().name());
        assertEquals(true, he.weight().decayed());
        assertEquals(false, he.bias().decayed());
        assertArrayEquals(new int[] {100, 200}, he.weight().value().shape());
        assertEquals(Math.sqrt(2.0 / 200), std(he.weight().value().data()), 0.005);
        Linear narrow = Linear.withStd("fc2", 200, 100, false, 0.01, new Rng(6));
        assertEquals(0.01, std(narrow.weight().value().data()), 0.0005);
    }

    private static double std(float[] a) {
        double s = 0;
        for (float v : a) s += (double) v * v;
        return Math.sqrt(s / a.length);
    }

    @Test
    void shapeErrorsNameLayerExpectedAndActual() {
        Linear fc = new Linear("fc1", 4, 2, true, new Rng(1));
        ShapeException e = assertThrows(ShapeException.class,
                () -> fc.forward(Tensor.zeros(2, 3, 5), ForwardContext.evaluation()));
        assertEquals("fc1: input features expected 4, was 5", e.getMessage());
        e = assertThrows(ShapeException.class, () -> fc.forward(Tensor.zeros(2, 3, 4, 1), ForwardContext.evaluation()));
        assertEquals("fc1: input shape expected [T, N, 4], was [2, 3, 4, 1]", e.getMessage());
        assertArrayEquals(new int[] {2}, fc.outputShape(new int[] {4}));
    }

    @Test
    void evaluationPassHasNoBackward() {
        Linear fc = new Linear("fc", 2, 2, true, new Rng(1));
        Pass pass = fc.forward(Tensor.zeros(1, 1, 2), ForwardContext.evaluation());
        assertThrows(IllegalStateException.class, () -> pass.backward(Tensor.zeros(1, 1, 2), true));
    }
}
