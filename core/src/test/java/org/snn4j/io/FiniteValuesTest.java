package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Tensor;

class FiniteValuesTest {
    @Test
    void finiteValuesPass() {
        assertNull(FiniteValues.problem("w", new float[] {0, -1, Float.MAX_VALUE, -Float.MIN_VALUE}));
        assertDoesNotThrow(() -> FiniteValues.require("f", Map.of("w", Tensor.zeros(3))));
    }

    @Test
    void theFirstNonFiniteValueIsNamedWithItsIndex() {
        assertEquals("f.bin: w holds a non-finite value NaN at index 2", assertThrows(FileFormatException.class,
                () -> FiniteValues.require("f.bin", "w", new float[] {1, 2, Float.NaN, Float.POSITIVE_INFINITY})).getMessage());
    }

    @Test
    void theFirstBadTensorIsNamed() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("a", Tensor.zeros(2));
        t.put("b", new Tensor(new float[] {0, Float.NEGATIVE_INFINITY}, 2));
        assertEquals("f.bin: tensor 'b' holds a non-finite value -Infinity at index 1",
                assertThrows(FileFormatException.class, () -> FiniteValues.require("f.bin", t)).getMessage());
    }

    @Test
    void exportRefusalNamesTheModel() {
        Map<String, Tensor> t = Map.of("w", new Tensor(new float[] {Float.NaN}, 1));
        assertEquals("m: tensor 'w' holds a non-finite value NaN at index 0; a model with non-finite weights is not exported",
                assertThrows(Snn4jException.class, () -> FiniteValues.requireExportable("m", Map.of(), t)).getMessage());
    }
}
