package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class BatchNormTest {
    private static final Supplier<ForwardContext> TRAIN = () -> ForwardContext.training(new Rng(0));

    private static BatchNorm withRandomAffine(int channels, long seed) {
        return withRandomAffine(channels, seed, 1);
    }

    /** With a fixed scale s of the normalised value (tdBN's α·V_th). */
    private static BatchNorm withRandomAffine(int channels, long seed, double scale) {
        BatchNorm bn = new BatchNorm("bn", channels, 0.1, 1e-5, scale);
        Rng rng = new Rng(seed);
        rng.fillUniform(bn.weight().value().data(), 0.5f, 2f);
        rng.fillUniform(bn.bias().value().data(), -1f, 1f);
        return bn;
    }

    @Test
    void runningStatisticsUpdateByHand() {
        BatchNorm bn = new BatchNorm("bn1", 2, 0.1, 1e-5);
        // [T=1, N=2, C=2]: channel 0 sees 1, 3 (mean 2, var 1, unbiased 2); channel 1 sees 10, 20 (15, 25, 50).
        Tensor x = new Tensor(new float[] {1, 10, 3, 20}, 1, 2, 2);
        Pass pass = bn.forward(x, ForwardContext.training(new Rng(0)));
        assertArrayEquals(new float[] {0.2f, 1.5f}, bn.runningMean().value().data(), 1e-6f);
        assertArrayEquals(new float[] {0.9f + 0.2f, 0.9f + 5f}, bn.runningVar().value().data(), 1e-5f);
        float a = (float) (1 / Math.sqrt(1 + 1e-5)), b = (float) (5 / Math.sqrt(25 + 1e-5));
        assertArrayEquals(new float[] {-a, -b, a, b}, pass.output().data(), 1e-5f);
        bn.forward(x, ForwardContext.training(new Rng(0)));
        assertArrayEquals(new float[] {0.9f * 0.2f + 0.2f, 0.9f * 1.5f + 1.5f}, bn.runningMean().value().data(), 1e-6f);
        assertArrayEquals(new float[] {0.9f * 1.1f + 0.2f, 0.9f * 5.9f + 5f}, bn.runningVar().value().data(), 1e-5f);
    }

    @Test
    void evaluationUsesRunningStatisticsAndLeavesThemAlone() {
        BatchNorm bn = new BatchNorm("bn", 2, 0.1, 1e-5);
        bn.runningMean().value().data()[0] = 1;
        bn.runningMean().value().data()[1] = -2;
        bn.runningVar().value().data()[0] = 4;
        bn.runningVar().value().data()[1] = 0.25f;
        bn.weight().value().data()[1] = 3;
        bn.bias().value().data()[0] = 0.5f;
        Tensor x = new Tensor(new float[] {3, -1, 5, -3}, 1, 2, 2);
        float[] y = bn.forward(x, ForwardContext.evaluation()).output().data();
        double s0 = Math.sqrt(4 + 1e-5), s1 = Math.sqrt(0.25 + 1e-5);
        assertArrayEquals(new float[] {(float) (2 / s0 + 0.5), (float) (3 / s1), (float) (4 / s0 + 0.5), (float) (-3 / s1)}, y, 1e-5f);
        assertArrayEquals(new float[] {1, -2}, bn.runningMean().value().data());
        assertArrayEquals(new float[] {4, 0.25f}, bn.runningVar().value().data());
    }

    @Test
    void tdbnScalesTheNormalisedValueByItsFixedScale() {
        // tdBN, s = α·V_th = 0.5: channel 0 sees 1, 3 (x̂ = ∓1), channel 1 sees 10, 20 (x̂ = ∓1 as well)
        BatchNorm bn = new BatchNorm("bn1", 2, 0.1, 1e-5, 0.5);
        bn.weight().value().data()[1] = 3;
        bn.bias().value().data()[0] = 0.25f;
        Tensor x = new Tensor(new float[] {1, 10, 3, 20}, 1, 2, 2);
        float a = (float) (1 / Math.sqrt(1 + 1e-5)), b = (float) (5 / Math.sqrt(25 + 1e-5));
        assertArrayEquals(new float[] {0.25f - 0.5f * a, -1.5f * b, 0.25f + 0.5f * a, 1.5f * b},
                bn.forward(x, TRAIN.get()).output().data(), 1e-5f);
        assertArrayEquals(new float[] {0.2f, 1.5f}, bn.runningMean().value().data(), 1e-6f, "statistics do not depend on the scale");
        assertEquals(0.5, bn.scale());
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm("bn", 2, 0.1, 1e-5, 0));
    }

    @Test
    void tdbnTrainingGradients() {
        Tensor x = LinearTest.random(11, 4, 2, 3, 2, 2);  // [T = 4, N = 2, C = 3, 2, 2]: statistics over T, N, H, W
        for (int i = 0; i < x.size(); i++) x.data()[i] = x.data()[i] * 3 - (i % 3);
        GradientCheck.standard().check(withRandomAffine(3, 12, 0.7071), x, TRAIN);
    }

    @Test
    void trainingGradients3d() {
        GradientCheck.standard().check(withRandomAffine(4, 1), LinearTest.random(2, 2, 3, 4), TRAIN);
    }

    @Test
    void trainingGradients5d() {
        Tensor x = LinearTest.random(3, 2, 2, 3, 2, 2);
        for (int i = 0; i < x.size(); i++) x.data()[i] = x.data()[i] * 2 + (i % 3); // per-channel offsets
        GradientCheck.standard().check(withRandomAffine(3, 4), x, TRAIN);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 0.7071})
    void evaluationGradients(double scale) {
        BatchNorm bn = withRandomAffine(3, 5, scale);
        new Rng(6).fillUniform(bn.runningMean().value().data(), -1f, 1f);
        new Rng(7).fillUniform(bn.runningVar().value().data(), 0.5f, 2f);
        GradientCheck.standard().check(bn, LinearTest.random(8, 2, 2, 3, 2, 3), ForwardContext::evaluationWithBackward);
    }

    @Test
    void trainingBackwardWithoutInputGradStillAccumulatesAffineGradients() {
        BatchNorm bn = withRandomAffine(2, 9);
        Pass pass = bn.forward(LinearTest.random(10, 3, 2, 2), TRAIN.get());
        assertNull(pass.backward(Tensor.full(1f, 3, 2, 2), false));
        // ∂β = Σ ∂y = 6 per channel; ∂γ = Σ x̂ = 0 per channel (x̂ has zero batch mean).
        assertArrayEquals(new float[] {6, 6}, bn.bias().grad().data(), 1e-5f);
        assertArrayEquals(new float[] {0, 0}, bn.weight().grad().data(), 1e-4f);
    }

    @Test
    void namesAndAccessors() {
        BatchNorm bn = new BatchNorm("bn2", 3, 0.1, 1e-3);
        assertEquals(List.of("bn2.weight", "bn2.bias"), bn.parameters().stream().map(Parameter::name).toList());
        assertEquals(List.of("bn2.running_mean", "bn2.running_var"), bn.buffers().stream().map(Parameter::name).toList());
        assertEquals(false, bn.weight().decayed());
        assertArrayEquals(new float[] {1, 1, 1}, bn.weight().value().data());
        assertArrayEquals(new float[] {1, 1, 1}, bn.runningVar().value().data());
        assertEquals(1e-3, bn.eps());
        assertEquals(3, bn.channels());
    }

    @Test
    void shapeErrors() {
        BatchNorm bn = new BatchNorm("bn3", 3, 0.1, 1e-5);
        ShapeException e = assertThrows(ShapeException.class, () -> bn.forward(Tensor.zeros(1, 2, 4, 5, 5), TRAIN.get()));
        assertEquals("bn3: input channels expected 3, was 4", e.getMessage());
        e = assertThrows(ShapeException.class, () -> bn.forward(Tensor.zeros(2, 3), TRAIN.get()));
        assertEquals("bn3: input shape expected [T, N, 3, ...], was [2, 3]", e.getMessage());
        assertArrayEquals(new int[] {3, 5, 5}, bn.outputShape(new int[] {3, 5, 5}));
    }
}
