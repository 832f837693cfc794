package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;

/** The linear readout on fixed features learns a separable problem, the same way for a seed. */
class LinearReadoutTest {
    @Test
    void learnsSeparableFeaturesDeterministically() {
        // class = which of 3 features is largest, plus noise features
        int n = 300;
        int width = 5;
        float[] x = new float[n * width];
        int[] y = new int[n];
        Rng rng = new Rng(2);
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3);
            for (int j = 0; j < width; j++) x[i * width + j] = rng.nextFloat() * 0.3f;
            x[i * width + y[i]] += 1f;
        }
        LinearReadout a = LinearReadout.train(x, width, y, 3, 30, 16, 0.05, 9);
        assertEquals(1.0, a.accuracy(x, y), 0);
        LinearReadout b = LinearReadout.train(x, width, y, 3, 30, 16, 0.05, 9);
        assertArrayEquals(a.linear().weight().value().data(), b.linear().weight().value().data(), 0f);
        assertThrows(IllegalArgumentException.class, () -> LinearReadout.train(x, 4, y, 3, 1, 16, 0.05, 9));
        assertThrows(IllegalArgumentException.class, () -> a.accuracy(new float[3], new int[1]));
    }
}
