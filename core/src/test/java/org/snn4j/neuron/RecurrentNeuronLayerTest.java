package org.snn4j.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.StreamStates;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.GradientCheck;
import org.snn4j.nn.Pass;
import org.snn4j.nn.ShapeException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class RecurrentNeuronLayerTest {
    private static final StepNeuron[] NEURONS = {
        StepNeuron.lif(0.9f, 1f), StepNeuron.cubaLif(0.8f, 0.6f, 1f), StepNeuron.alif(0.9f, 0.8f, 0.4f, 1f)};

    private static Tensor input(int steps, int samples, int features, long seed, float lo, float hi) {
        Tensor x = Tensor.zeros(steps, samples, features);
        new Rng(seed).fillUniform(x.data(), lo, hi);
        return x;
    }

    private static RecurrentNeuronLayer layer(StepNeuron neuron, Recurrence recurrence, boolean detach) {
        return new RecurrentNeuronLayer("r", 5, neuron, new FastSigmoid(2f), detach, recurrence, 0.5, new Rng(11));
    }

    @Test
    void gradientsMatchFiniteDifferencesForEveryNeuronAndRecurrence() {
        Tensor x = input(7, 2, 5, 5, -0.4f, 1.2f);
        for (StepNeuron neuron : NEURONS) {
            for (Recurrence recurrence : Recurrence.values()) {
                for (Reset reset : Reset.values()) {
                    RecurrentNeuronLayer smooth = layer(neuron.withReset(reset), recurrence, false).smoothTwin();
                    new GradientCheck(1e-3, 2e-3, 1e-2).check(smooth, x, ForwardContext::evaluationWithBackward);
                }
            }
        }
    }

    @Test
    void detachedResetAndHeldInputGradientsMatchFiniteDifferences() {
        for (StepNeuron neuron : NEURONS) {
            RecurrentNeuronLayer smooth = layer(neuron, Recurrence.DENSE, true).smoothTwin();
            new GradientCheck(1e-3, 2e-3, 1e-2).check(smooth, input(6, 2, 5, 9, -0.4f, 1.2f), ForwardContext::evaluationWithBackward);
            Tensor held = input(1, 2, 5, 10, 0f, 0.8f);
            new GradientCheck(1e-3, 2e-3, 1e-2).check(smooth, held, () -> ForwardContext.evaluationWithBackward().withSteps(6));
        }
    }

    @Test
    void selfExcitationKeepsANeuronFiringAfterItsInputStops() {
        // one-to-one weight 1.5: after the first spike, each spike brings 1.5 > θ = 1 at the next step (soft reset 0.5 left)
        RecurrentNeuronLayer layer = new RecurrentNeuronLayer("r", 1, StepNeuron.lif(1f, 1f), new Triangle(), false,
                Recurrence.ONE_TO_ONE, 0, new Rng(1));
        layer.recurrentWeight().value().data()[0] = 1.5f;
        Tensor x = new Tensor(new float[] {1.2f, 0f, 0f, 0f}, 4, 1, 1);
        assertArrayEquals(new float[] {1, 1, 1, 1}, layer.forward(x, ForwardContext.evaluation()).output().data());
        layer.recurrentWeight().value().data()[0] = 0f;
        assertArrayEquals(new float[] {1, 0, 0, 0}, layer.forward(x, ForwardContext.evaluation()).output().data());
    }

    @Test
    void denseRecurrenceRoutesSpikesToOtherNeurons() {
        // neuron 0 fires at t1 (V 0.5); W[1][0] = 2 makes neuron 1 fire at t2; W[0][1] = −5 then keeps neuron 0,
        // at H = 0.5 + 0.3 + 0.3 = 1.1 without it, silent at t3
        RecurrentNeuronLayer layer = new RecurrentNeuronLayer("r", 2, StepNeuron.lif(1f, 1f), new Triangle(), false,
                Recurrence.DENSE, 0, new Rng(1));
        float[] w = layer.recurrentWeight().value().data();
        w[2] = 2f;     // [1][0]
        w[1] = -5f;    // [0][1]
        Tensor x = new Tensor(new float[] {1.5f, 0f, 0.3f, 0f, 0.3f, 0f}, 3, 1, 2);
        assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0}, layer.forward(x, ForwardContext.evaluation()).output().data());
        w[1] = 0f;
        assertArrayEquals(new float[] {1, 0, 0, 1, 1, 0}, layer.forward(x, ForwardContext.evaluation()).output().data());
    }

    @Test
    void chunksWithCarriedStateGiveTheWholeRun() {
        Tensor x = input(12, 3, 5, 21, -0.3f, 1.4f);
        for (StepNeuron neuron : NEURONS) {
            RecurrentNeuronLayer layer = layer(neuron, Recurrence.DENSE, false);
            float[] whole = layer.forward(x, ForwardContext.evaluation()).output().data();
            StreamStates states = new StreamStates(3);
            float[] chunked = new float[whole.length];
            int per = 3 * 5;
            for (int t0 = 0; t0 < 12; t0 += 5) {
                int t1 = Math.min(12, t0 + 5);
                Tensor chunk = new Tensor(Arrays.copyOfRange(x.data(), t0 * per, t1 * per), t1 - t0, 3, 5);
                Pass pass = layer.forward(chunk, ForwardContext.evaluationWithBackward().with(states));
                System.arraycopy(pass.output().data(), 0, chunked, t0 * per, (t1 - t0) * per);
            }
            assertArrayEquals(whole, chunked, neuron.kind().label());
        }
    }

    @Test
    void refusesAWrongFeatureCountAndLeesDerivative() {
        RecurrentNeuronLayer layer = layer(NEURONS[0], Recurrence.DENSE, false);
        assertThrows(ShapeException.class, () -> layer.forward(Tensor.zeros(2, 1, 4), ForwardContext.evaluation()));
        assertThrows(IllegalArgumentException.class, () -> new RecurrentNeuronLayer("r", 2, NEURONS[0], new LeeDerivative(true),
                false, Recurrence.NONE, 0, new Rng(1)));
        assertEquals(25, layer.recurrentWeight().value().size());
    }

    @Test
    void theOpCounterHearsTheRecurrentSynapses() {
        RecurrentNeuronLayer layer = layer(NEURONS[0], Recurrence.DENSE, false);
        org.snn4j.metrics.OpCounter ops = new org.snn4j.metrics.OpCounter();
        Tensor x = input(6, 2, 5, 3, 0f, 1.5f);
        float[] s = layer.forward(x, ForwardContext.evaluation().with(ops.forPass())).output().data();
        double spikes = 0;
        for (float v : s) spikes += v;
        var counted = ops.layers().get("r.recurrent");
        assertEquals(spikes * 5 / 2, counted.acsPerSample(), 1e-9);   // each spike reaches the 5 neurons of its sample
        assertEquals(25, counted.denseMacsPerSample(), 1e-9);   // H·H per sample and step, as a linear layer reports
    }
}
