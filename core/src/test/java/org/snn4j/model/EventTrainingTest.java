package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Executor;
import org.snn4j.engine.LayerActivity;
import org.snn4j.kernels.EventKernels;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.ForwardKernel;
import org.snn4j.nn.Pass;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Training with the forward of spike-fed layers computed by events gives the dense path's outputs and
 * gradients bit for bit: one convolution at input densities from 0 % to 100 %, and W1 steps through an
 * executor whose weights change between passes (the event copy of the weights must follow them); except a
 * convolution's weight and bias gradients, which the executor may sum over the input's events
 * ({@code EventWeightGradient}, equal to the GEMM's within rounding; its own test checks the rounding bound).
 */
class EventTrainingTest {
    /** Pooled-spike-like input ([T, N, C, H, W], values k/4) with about {@code density} of it non-zero. */
    private static Tensor spikes(double density, long seed) {
        Tensor x = Tensor.zeros(3, 4, 8, 9, 9);
        Rng rng = new Rng(seed);
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) if (rng.nextFloat() < density) d[i] = (1 + (int) (rng.nextFloat() * 4)) / 4f;
        return x;
    }

    @Test
    void aConvolutionByEventsInTrainingHasTheDenseOutputAndGradients() {
        for (double density : new double[] {0, 0.05, 0.2, 0.6, 1}) {
            Tensor x = spikes(density, 3);
            List<float[]> dense = convStep(x, false), events = convStep(x, true);
            for (int i = 0; i < dense.size(); i++) assertArrayEquals(dense.get(i), events.get(i), 0f, "density " + density + " tensor " + i);
        }
    }

    /** Output, input gradient, weight and bias gradients of one training pass of a 8 → 16 convolution. */
    private static List<float[]> convStep(Tensor x, boolean byEvents) {
        Conv2d conv = new Conv2d("conv", 8, 16, 3, 1, 1, true, new Rng(5));
        new Rng(6).fillUniform(conv.bias().value().data(), -0.5f, 0.5f);
        float[] channelLast = EventKernels.transposed(16, 8 * 9, conv.weight().value().data());
        ForwardKernel kernel = !byEvents ? ForwardKernel.DENSE : (in, y) -> {
            EventKernels.convForward(conv.geometry(in), in.data(), channelLast, conv.bias().value().data(), y.data());
            return true;
        };
        Pass pass = conv.forward(x, ForwardContext.training(new Rng(1)), kernel);
        Tensor grad = Tensor.zeros(pass.output().shape());
        new Rng(9).fillUniform(grad.data(), -1, 1);
        float[] dx = pass.backward(grad, true).data().clone();
        return List.of(pass.output().data().clone(), dx, conv.weight().grad().data().clone(), conv.bias().grad().data().clone());
    }

    @Test
    void w1StepsByEventsWhileTheWeightsChangeHaveTheDenseGradients() {
        Executor events = assertStepsMatchDense(m -> new Executor(m, EngineMode.EVENT), 3);
        assertTrue(events.activity().get("conv2").eventCalls() > 0, "conv2 ran by events");
        assertEquals(3, events.activity().get("conv2").weightGradient().events(), "conv2's weight gradient by events");
    }

    /**
     * "auto" in training with the weight gradient's kernel measured too, past its measuring: whichever kernels
     * it chose for the forward and the weight gradient, the dense path's outputs and gradients; while it
     * measures, each kernel ran on half of the timed calls.
     */
    @Test
    void w1StepsInAutoHaveTheDenseGradientsWhicheverKernelsItChooses() {
        int steps = new Executor(w1(), EngineMode.AUTO).passesUntilCalibrated() + 2;
        Executor auto = assertStepsMatchDense(m -> new Executor(m, EngineMode.AUTO).withMeasuredWeightGradient(), steps);
        for (String conv : new String[] {"conv1", "conv2"}) {
            LayerActivity a = auto.activity().get(conv);
            assertTrue(a.weightGradient().events() > 0 && a.weightGradient().dense() > 0, conv + " both gradient kernels");
            assertEquals(steps, a.weightGradient().events() + a.weightGradient().dense(), conv);
            assertTrue(a.measuredGradientCrossover() > 0, conv + " gradient crossover " + a.measuredGradientCrossover());
        }
        assertTrue(auto.activity().get("conv2").measuredCrossover() > 0, "conv2's forward crossover");
    }

    /**
     * By default "auto" chooses the weight gradient's kernel by the fixed density, not by a timing: two runs give
     * the same gradients bit for bit (training is reproducible from its seed), through and past the forward's measuring.
     */
    @Test
    void w1StepsInAutoAreReproducibleBitForBit() {
        int steps = new Executor(w1(), EngineMode.AUTO).passesUntilCalibrated() + 2;
        Model first = w1(), second = w1();
        Executor a = Executor.training(first), b = Executor.training(second);
        for (int step = 0; step < steps; step++) {
            Tensor x = Tensor.zeros(1, 5, 1, 14, 14);
            new Rng(40 + step).fillUniform(x.data(), 0, 1);
            List<float[]> ga = TrainingSteps.step(a, first, x, step, null), gb = TrainingSteps.step(b, second, x, step, null);
            for (int i = 0; i < ga.size(); i++) assertArrayEquals(ga.get(i), gb.get(i), 0f, "step " + step + " tensor " + i);
        }
        LayerActivity conv2 = a.activity().get("conv2");
        assertEquals(steps, conv2.weightGradient().events() + conv2.weightGradient().dense());
        assertTrue(Double.isNaN(conv2.measuredGradientCrossover()), "no weight-gradient timing");
    }

    /**
     * {@code steps} training steps of W1 (quarter width) through the executor {@code make} builds, whose weights change,
     * against the dense executor on a copy: every tensor bit for bit, but a convolution's weight and bias
     * gradients within rounding (1e-4 of the tensor's largest value; a wrong kernel is off by the gradient itself).
     */
    private static Executor assertStepsMatchDense(java.util.function.Function<Model, Executor> make, int steps) {
        Model byEvents = w1(), dense = w1();
        Executor events = make.apply(byEvents).withChangingWeights();
        Executor reference = Executor.dense(dense);
        for (int step = 0; step < steps; step++) {
            Tensor x = Tensor.zeros(1, 5, 1, 14, 14);
            new Rng(40 + step).fillUniform(x.data(), 0, 1);
            List<float[]> a = TrainingSteps.step(events, byEvents, x, step, null), b = TrainingSteps.step(reference, dense, x, step, null);
            for (int i = 0; i < a.size(); i++) {
                String what = "step " + step + " tensor " + i + (i == 0 ? " (output)" : " " + dense.parameters().get(i - 1).name());
                boolean convGradient = i > 0 && dense.parameters().get(i - 1).name().startsWith("conv");
                assertArrayEquals(b.get(i), a.get(i), convGradient ? 1e-4f * maxAbs(b.get(i)) : 0f, what);
            }
            // an optimizer's step: the same change to both models' weights
            for (int p = 0; p < byEvents.parameters().size(); p++) {
                float[] w1 = byEvents.parameters().get(p).value().data(), w2 = dense.parameters().get(p).value().data();
                for (int i = 0; i < w1.length; i++) {
                    w1[i] -= 0.5f * byEvents.parameters().get(p).grad().data()[i];
                    w2[i] = w1[i];
                }
            }
        }
        return events;
    }

    /** A quarter-width W1 on 14 × 14 images, seed 3. */
    private static Model w1() {
        return ModelBuilder.build(Presets.byName("w1", new int[] {1, 14, 14}, 10, new Presets.Options(false, 0, 0.25)), ModelBuilder.Mode.SNN, 3);
    }

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float v : a) m = Math.max(m, Math.abs(v));
        return m;
    }
}
