package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Executor;
import org.snn4j.engine.LayerActivity;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * An executor computes a convolution's input gradient from its output gradient's events where those give the GEMM
 * path's bits (as many input as output channels; kernels.EventBackwardDataTest checks the kernel): "event" mode
 * always there, training the dense path's gradients; "auto" by the output gradient's density against a fixed
 * crossover, reproducibly bit for bit; the choices are recorded per layer.
 */
class EventInputGradientTrainingTest {
    /** convN with as many input as output channels (conv2 8 → 8, conv4 and conv5 16 → 16), and one with fewer (conv3). */
    private static final String[] SAME_BITS = {"conv2", "conv4", "conv5"};

    @Test
    void eventModeTrainsTheDenseGradientsWithTheInputGradientByEvents() {
        Model byEvents = vgg7(), dense = vgg7();
        Executor events = new Executor(byEvents, EngineMode.EVENT).withChangingWeights(), reference = Executor.dense(dense);
        int steps = 2;
        for (int step = 0; step < steps; step++) {
            Tensor x = input(step);
            List<float[]> a = TrainingSteps.step(events, byEvents, x, step, null), b = TrainingSteps.step(reference, dense, x, step, null);
            for (int i = 0; i < a.size(); i++) {
                boolean convGradient = i > 0 && dense.parameters().get(i - 1).name().startsWith("conv");
                // a convolution's weight gradient by events is the GEMM's within rounding; everything else bit for bit
                assertArrayEquals(b.get(i), a.get(i), convGradient ? 1e-4f * maxAbs(b.get(i)) : 0f, "step " + step + " tensor " + i);
            }
        }
        for (String conv : SAME_BITS) assertEquals(steps, events.activity().get(conv).inputGradient().events(), conv);
        LayerActivity conv3 = events.activity().get("conv3");
        assertEquals(0, conv3.inputGradient().events(), "conv3 (8 → 16) by the GEMM path");
        assertEquals(steps, conv3.inputGradient().dense());
    }

    @Test
    void autoChoosesByAFixedDensityAndIsReproducibleBitForBit() {
        int steps = new Executor(vgg7(), EngineMode.AUTO).passesUntilCalibrated() + 2;
        Model first = vgg7(), second = vgg7();
        Executor a = Executor.training(first), b = Executor.training(second);
        for (int step = 0; step < steps; step++) {
            Tensor x = input(step);
            List<float[]> ga = TrainingSteps.step(a, first, x, step, null), gb = TrainingSteps.step(b, second, x, step, null);
            for (int i = 0; i < ga.size(); i++) assertArrayEquals(ga.get(i), gb.get(i), 0f, "step " + step + " tensor " + i);
        }
        for (String conv : new String[] {"conv2", "conv3", "conv4", "conv5"}) {
            LayerActivity la = a.activity().get(conv), lb = b.activity().get(conv);
            assertEquals(steps, la.inputGradient().events() + la.inputGradient().dense(), conv);
            assertEquals(la.inputGradient().events(), lb.inputGradient().events(), conv + ": the same choices");
        }
        assertEquals(0, a.activity().get("conv3").inputGradient().events(), "conv3 (8 → 16) by the GEMM path");
    }

    private static Tensor input(int step) {
        Tensor x = Tensor.zeros(1, 3, 1, 14, 14);
        new Rng(60 + step).fillUniform(x.data(), 0, 1);
        return x;
    }

    /** VGG-7 at an eighth of its width (8, 8, pool, 16, 16, 16, pool) on 14 × 14 images, seed 3. */
    private static Model vgg7() {
        return ModelBuilder.build(Presets.byName("vgg7", new int[] {1, 14, 14}, 10, new Presets.Options(false, 0, 0.125)),
                ModelBuilder.Mode.SNN, 3);
    }

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float v : a) m = Math.max(m, Math.abs(v));
        return m;
    }
}
