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

    @Test
    void ownChecksRunAloneAndAreSkippedOnlyForTheChildTheCallerChecks() {
        Tensor bad = Tensor.zeros(3);
        bad.data()[1] = Float.NaN;
        Layer conv = new Conv2d("conv1", 1, 1, 1, 1, 0, false, new org.snn4j.tensor.Rng(1));
        Layer other = new ReLU("relu1");
        NumericalException alone = assertThrows(NumericalException.class, () -> Finite.checkOwn(conv, "forward output", bad));
        assertEquals("conv1: non-finite value NaN at element 1 of the forward output", alone.getMessage());
        assertEquals(0, (int) Finite.checkedByCaller(conv, () -> {
            Finite.checkOwn(conv, "forward output", bad);                // the caller scans it: skipped
            NumericalException inner = assertThrows(NumericalException.class,
                    () -> Finite.checkOwn(other, "forward output", bad)); // another layer (a grandchild) still checks
            assertEquals("relu1", inner.layer());
            assertEquals(1, (int) Finite.checkedByCaller(other, () -> 1)); // nesting restores the outer marker
            Finite.checkOwn(conv, "input gradient", bad);
            return 0;
        }));
        assertThrows(NumericalException.class, () -> Finite.checkOwn(conv, "forward output", bad), "marker cleared");
    }
}
