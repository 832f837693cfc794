package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.metrics.OpCounter;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class BackwardResidualBlockTest {
    /** n passes of (shared layer, own ReLU). */
    private static BackwardResidualBlock block(Layer shared, List<? extends Layer> relus) {
        List<Layer> passes = new ArrayList<>();
        for (int k = 0; k < relus.size(); k++) passes.add(new Sequential("bres.p" + (k + 1), shared, relus.get(k)));
        return new BackwardResidualBlock("bres", passes);
    }

    @Test
    void handWorkedTwoPasses() {
        Linear fc = new Linear("fc", 2, 2, false, new Rng(1));
        System.arraycopy(new float[] {0.5f, 0, 0, -1}, 0, fc.weight().value().data(), 0, 4);
        BackwardResidualBlock b = block(fc, List.of(new ReLU("r1"), new ReLU("r2")));
        Pass pass = b.forward(new Tensor(new float[] {1, 2}, 1, 1, 2), ForwardContext.evaluationWithBackward());
        // y1 = relu(W·(1, 2)) = relu(0.5, −2) = (0.5, 0); y2 = relu(W·(x + y1)) = relu(W·(1.5, 2)) = (0.75, 0)
        assertArrayEquals(new float[] {0.75f, 0}, pass.output().data());
        Tensor dx = pass.backward(Tensor.full(1f, 1, 1, 2), true);
        // pass 2: g_z = (1, 0), h2 = Wᵀg_z = (0.5, 0), ∂W += g_z ⊗ (1.5, 2);
        // pass 1: g_z = (0.5, 0), h1 = (0.25, 0), ∂W += g_z ⊗ (1, 2); ∂x = h1 + h2
        assertArrayEquals(new float[] {0.75f, 0}, dx.data(), 1e-7f);
        assertArrayEquals(new float[] {2, 3, 0, 0}, fc.weight().grad().data(), 1e-7f);
    }

    @Test
    void gradientsAccumulateOverThreePasses() {
        List<GuardedReLU> relus = List.of(new GuardedReLU("r1"), new GuardedReLU("r2"), new GuardedReLU("r3"));
        BackwardResidualBlock b = block(new Linear("fc", 4, 4, true, new Rng(3)), relus);
        Tensor x = GuardedReLU.inputAwayFromKinks(b, relus, 0.05, 2, 3, 4);
        GradientCheck.standard().check(b, x, ForwardContext::evaluationWithBackward);
    }

    @Test
    void oneSetOfParametersWhateverThePassCount() {
        Linear fc = new Linear("fc", 4, 4, true, new Rng(3));
        BackwardResidualBlock b = block(fc, List.of(new ReLU("r1"), new ReLU("r2"), new ReLU("r3")));
        assertEquals(List.of("fc.weight", "fc.bias"), b.parameters().stream().map(Parameter::name).toList());
        assertEquals(3, b.passCount());
        assertEquals(List.of("bres.p1", "bres.p2", "bres.p3"), b.children().stream().map(Layer::name).toList());
    }

    @Test
    void backwardWithoutInputGradStillAccumulatesEveryPass() {
        Linear fc = new Linear("fc", 3, 3, true, new Rng(1));
        BackwardResidualBlock b = block(fc, List.of(new Dropout("d1", 0), new Dropout("d2", 0)));
        Pass pass = b.forward(LinearTest.random(2, 1, 2, 3), ForwardContext.evaluationWithBackward());
        assertNull(pass.backward(Tensor.full(1f, 1, 2, 3), false));
        // pass 2 sees g = 1 per output and sample; pass 1 sees g = Wᵀ·1, whose bias gradient is its column sums
        float[] w = fc.weight().value().data();
        for (int o = 0; o < 3; o++) {
            assertEquals(2 * (1 + w[o] + w[3 + o] + w[6 + o]), fc.bias().grad().data()[o], 1e-5f);
        }
    }

    @Test
    void theOpCounterChargesEveryPassToTheSharedLayer() {
        Linear fc = new Linear("fc", 4, 3 + 1, false, new Rng(1));
        BackwardResidualBlock b = block(fc, List.of(new ReLU("r1"), new ReLU("r2"), new ReLU("r3")));
        OpCounter counter = new OpCounter();
        b.forward(Tensor.full(0.5f, 1, 2, 4), ForwardContext.evaluation().with(counter.forPass()));
        OpCounter.LayerOps ops = counter.layers().get("fc");
        assertEquals(3 * 16, ops.denseMacsPerSample(), 0);
        assertEquals(3 * 16, ops.macsPerSample(), 0);
    }

    @Test
    void aBodyThatChangesTheShapeIsRefusedNamingTheBlock() {
        BackwardResidualBlock b = block(new Linear("fc", 4, 3, false, new Rng(1)), List.of(new ReLU("r1"), new ReLU("r2")));
        ShapeException e = assertThrows(ShapeException.class, () -> b.forward(Tensor.zeros(1, 2, 4), ForwardContext.evaluation()));
        assertEquals("bres: pass 1 output shape (fed back to the input) expected [4], was [3]", e.getMessage());
    }
}
