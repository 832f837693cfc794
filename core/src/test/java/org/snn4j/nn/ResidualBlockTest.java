package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class ResidualBlockTest {
    @Test
    void handWorkedIdentityShortcut() {
        Linear fc = new Linear("fc", 2, 2, false, new Rng(1));
        System.arraycopy(new float[] {2, 0, 0, -3}, 0, fc.weight().value().data(), 0, 4);
        ResidualBlock block = new ResidualBlock("res", fc, null, new ReLU("relu"));
        Tensor x = new Tensor(new float[] {1, 1}, 1, 1, 2);
        Pass pass = block.forward(x, ForwardContext.evaluationWithBackward());
        // branch (2, -3) + shortcut (1, 1) = (3, -2) → ReLU (3, 0)
        assertArrayEquals(new float[] {3, 0}, pass.output().data());
        // ∂current = (1, 0); ∂x = Wᵀ·(1, 0) + (1, 0) = (3, 0)
        assertArrayEquals(new float[] {3, 0}, pass.backward(Tensor.full(1f, 1, 1, 2), true).data());
        assertArrayEquals(new float[] {1, 1, 0, 0}, fc.weight().grad().data());
    }

    @Test
    void gradientsWithIdentityShortcut() {
        GuardedReLU relu = new GuardedReLU("relu");
        ResidualBlock block = new ResidualBlock("res", new Linear("fc", 4, 4, true, new Rng(2)), null, relu);
        Tensor x = GuardedReLU.inputAwayFromKinks(block, List.of(relu), 0.05, 2, 3, 4);
        GradientCheck.standard().check(block, x, ForwardContext::evaluationWithBackward);
    }

    @Test
    void gradientsWithLinearShortcut() {
        Rng init = new Rng(4);
        GuardedReLU relu1 = new GuardedReLU("relu1"), relu2 = new GuardedReLU("relu2");
        Sequential branch = new Sequential("branch",
                new Linear("fc1", 4, 6, true, init), relu1, new Linear("fc2", 6, 3, true, init));
        ResidualBlock block = new ResidualBlock("res", branch, new Linear("short", 4, 3, false, init), relu2);
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "short.weight"),
                block.parameters().stream().map(Parameter::name).toList());
        assertEquals(List.of("branch", "short", "relu2"), block.children().stream().map(Layer::name).toList());
        assertArrayEquals(new int[] {3}, block.outputShape(new int[] {4}));
        Tensor x = GuardedReLU.inputAwayFromKinks(block, List.of(relu1, relu2), 0.05, 2, 3, 4);
        GradientCheck.standard().check(block, x, ForwardContext::evaluationWithBackward);
    }

    @Test
    void backwardWithoutInputGradStillAccumulatesParameters() {
        Linear fc = new Linear("fc", 3, 3, true, new Rng(1));
        ResidualBlock block = new ResidualBlock("res", fc, null, new Dropout("not-a-neuron", 0.0));
        Pass pass = block.forward(LinearTest.random(2, 1, 2, 3), ForwardContext.evaluationWithBackward());
        assertNull(pass.backward(Tensor.full(1f, 1, 2, 3), false));
        assertArrayEquals(new float[] {2, 2, 2}, fc.bias().grad().data());
    }

    @Test
    void shortcutShapeMismatchNamesTheBlock() {
        ResidualBlock block = new ResidualBlock("res2", new Linear("fc", 4, 3, true, new Rng(1)), null, new ReLU("relu"));
        ShapeException e = assertThrows(ShapeException.class,
                () -> block.forward(Tensor.zeros(1, 2, 4), ForwardContext.evaluation()));
        assertEquals("res2: shortcut output shape expected [3], was [4]", e.getMessage());
        assertEquals("res2", e.layer());
    }
}
