package org.snn4j.optim;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.nn.Parameter;

class OptimizersTest {
    private final List<Parameter> params = new OptimizerFixture().params();

    @Test
    void namesMapToOptimizers() {
        assertInstanceOf(Sgd.class, Optimizers.create("sgd", params, 5e-4, 0));
        assertTrue(Optimizers.create("SGD", params, 5e-4, 0.9).state().containsKey("momentum_buffer/w"));
        Optimizer adam = Optimizers.create("adam", params, 0, 0.9);
        assertTrue(adam instanceof Adam && !(adam instanceof AdamW));
        assertInstanceOf(AdamW.class, Optimizers.create("adamw", params, 1e-2, 0));
    }

    @Test
    void unknownNamesListTheValidOnes() {
        String m = assertThrows(Snn4jException.class, () -> Optimizers.create("rmsprop", params, 0, 0)).getMessage();
        assertTrue(m.contains("'rmsprop'") && m.contains("sgd, adam, adamw"), m);
        assertThrows(Snn4jException.class, () -> Optimizers.create("sgd", params, -1, 0));
    }
}
