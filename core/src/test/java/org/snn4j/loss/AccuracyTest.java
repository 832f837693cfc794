package org.snn4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Tensor;

class AccuracyTest {
    @Test
    void argmaxPerSampleWithFirstIndexOnTies() {
        Tensor z = new Tensor(new float[] {0.1f, 0.9f, 0.3f, 2, 2, 1, -5, -4, -6, Float.NaN, 0, -1}, 4, 3);
        assertArrayEquals(new int[] {1, 0, 1, 1}, Accuracy.predictions(z));
        assertArrayEquals(new int[] {1, 0, 1, 1}, Accuracy.predictions(z.reshape(1, 4, 3)));
        assertEquals(2, Accuracy.correct(z, new int[] {1, 2, 1, 0}));
    }

    @Test
    void refusesBadShapesAndLabels() {
        assertThrows(Snn4jException.class, () -> Accuracy.predictions(Tensor.zeros(2, 2, 2)));
        assertThrows(Snn4jException.class, () -> Accuracy.correct(Tensor.zeros(2, 2), new int[] {0, 2}));
        assertArrayEquals(new int[0], Accuracy.predictions(Tensor.zeros(0, 3)));
    }
}
