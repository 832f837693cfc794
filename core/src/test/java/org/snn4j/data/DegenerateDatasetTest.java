package org.snn4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;

/** Data sets nothing can be learnt or measured on are errors naming the set (issue 24). */
class DegenerateDatasetTest {
    private static Dataset of(int... labels) {
        return Dataset.ofBytes("digits", new byte[labels.length * 4], labels, 10, 1, 2, 2);
    }

    @Test
    void aSetWithoutSamplesIsRefused() {
        assertEquals("digits: the data set holds no samples", assertThrows(Snn4jException.class, () -> of().requireSamples()).getMessage());
        assertEquals("digits: the data set holds no samples", assertThrows(Snn4jException.class, () -> of().requireTrainable()).getMessage());
    }

    @Test
    void aTrainingSetOfOneClassIsRefused() {
        assertEquals("digits: all 3 samples are of class 4; training needs at least two classes",
                assertThrows(Snn4jException.class, () -> of(4, 4, 4).requireTrainable()).getMessage());
    }

    @Test
    void aSetOfOneClassCanBeEvaluatedAndTwoClassesTrained() {
        Dataset one = of(4, 4);
        assertSame(one, one.requireSamples());
        Dataset two = of(4, 1);
        assertSame(two, two.requireTrainable());
    }
}
