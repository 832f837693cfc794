package org.snn4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;

class LossesTest {
    @Test
    void namesMapToLosses() {
        assertInstanceOf(SoftmaxCrossEntropy.class, Losses.byName("ce"));
        assertEquals(0.1, ((SoftmaxCrossEntropy) Losses.byName("CE", 0.1)).labelSmoothing());
        assertEquals(SummedSquaredError.Reduction.SUM, ((SummedSquaredError) Losses.byName("sse")).reduction());
        assertEquals(SummedSquaredError.Reduction.MEAN, ((SummedSquaredError) Losses.byName(" mse ")).reduction());
    }

    @Test
    void unknownNamesListTheValidOnes() {
        String m = assertThrows(Snn4jException.class, () -> Losses.byName("hinge")).getMessage();
        assertTrue(m.contains("'hinge'") && m.contains("ce, sse, mse"), m);
        assertThrows(Snn4jException.class, () -> Losses.byName(null));
        assertThrows(Snn4jException.class, () -> Losses.byName("sse", 0.1));
    }
}
