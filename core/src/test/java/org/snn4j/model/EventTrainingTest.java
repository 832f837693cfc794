package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Executor;
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
 * executor whose weights change between passes (the event copy of the weights must follow them).
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
        ModelSpec spec = Presets.byName("w1", new int[] {1, 14, 14}, 10, new Presets.Options(false, 0, 0.25));
        Model byEvents = ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 3), dense = ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 3);
        Executor events = new Executor(byEvents, EngineMode.EVENT).withChangingWeights();
        Executor reference = Executor.dense(dense);
        for (int step = 0; step < 3; step++) {
            Tensor x = Tensor.zeros(1, 5, 1, 14, 14);
            new Rng(40 + step).fillUniform(x.data(), 0, 1);
            List<float[]> a = TrainingSteps.step(events, byEvents, x, step, null), b = TrainingSteps.step(reference, dense, x, step, null);
            for (int i = 0; i < a.size(); i++) assertArrayEquals(b.get(i), a.get(i), 0f, "step " + step + " tensor " + i);
            assertTrue(events.activity().get("conv2").eventCalls() > 0, "conv2 ran by events");
            // an optimizer's step: the same change to both models' weights
            for (int p = 0; p < byEvents.parameters().size(); p++) {
                float[] w1 = byEvents.parameters().get(p).value().data(), w2 = dense.parameters().get(p).value().data();
                for (int i = 0; i < w1.length; i++) {
                    w1[i] -= 0.5f * byEvents.parameters().get(p).grad().data()[i];
                    w2[i] = w1[i];
                }
            }
        }
    }
}
