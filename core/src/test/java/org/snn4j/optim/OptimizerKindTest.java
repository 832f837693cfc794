package org.snn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.nn.Parameter;
import org.snn4j.tensor.Tensor;

class OptimizerKindTest {
    @Test
    void labelsRoundTripCaseInsensitively() {
        for (OptimizerKind k : OptimizerKind.values()) {
            assertEquals(k, OptimizerKind.byLabel(" " + k.label().toUpperCase() + " "));
        }
        var e = assertThrows(Snn4jException.class, () -> OptimizerKind.byLabel("lbfgs"));
        assertEquals("unknown optimizer 'lbfgs'; expected one of: sgd, adam, adamw", e.getMessage());
    }

    @Test
    void makesTheOptimizerOfItsName() {
        List<Parameter> params = List.of(new Parameter("w", Tensor.zeros(2), true));
        assertEquals(Sgd.class, OptimizerKind.SGD.create(params, 0, 0.9).getClass());
        assertEquals(Adam.class, OptimizerKind.ADAM.create(params, 0, 0.9).getClass());
        assertEquals(AdamW.class, OptimizerKind.ADAMW.create(params, 1e-2, 0.9).getClass());
    }
}
