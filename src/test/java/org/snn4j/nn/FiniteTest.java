package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Tensor;

class FiniteTest {
    @Test
    void reportsTheFirstNonFiniteElement() {
        Tensor t = Tensor.zeros(2, 3);
        assertDoesNotThrow(() -> Finite.check("fc1", "forward output", t));
        t.data()[4] = Float.NEGATIVE_INFINITY;
        t.data()[5] = Float.NaN;
        NumericalException e = assertThrows(NumericalException.class, () -> Finite.check("fc1", "input gradient", t));
        assertEquals("fc1: non-finite value -Infinity at element 4 of the input gradient", e.getMessage());
        assertEquals("fc1", e.layer());
        assertThrows(NumericalException.class, () -> Finite.check("fc1", "weight gradient", new float[] {Float.NaN}));
    }
}
