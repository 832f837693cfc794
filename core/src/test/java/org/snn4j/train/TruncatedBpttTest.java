package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.loss.Loss;
import org.snn4j.loss.PerStepLoss;
import org.snn4j.loss.SoftmaxCrossEntropy;
import org.snn4j.neuron.FastSigmoid;
import org.snn4j.neuron.LeakyIntegrator;
import org.snn4j.neuron.Recurrence;
import org.snn4j.neuron.RecurrentNeuronLayer;
import org.snn4j.neuron.StepNeuron;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Linear;
import org.snn4j.nn.Parameter;
import org.snn4j.nn.Pass;
import org.snn4j.nn.Sequential;
import org.snn4j.optim.Adam;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class TruncatedBpttTest {
    static final int STEPS = 24, SAMPLES = 4, IN = 6, CLASSES = 3;

    /** Linear → recurrent ALIF → Linear → recurrent CubaLIF (one-to-one) → Linear → leaky readout, per step. */
    static Sequential network(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential("net",
                new Linear("fc1", IN, 16, false, rng),
                new RecurrentNeuronLayer("alif", 16, StepNeuron.alif(0.9f, 0.9f, 0.3f, 1f), new FastSigmoid(), false,
                        Recurrence.DENSE, 0.3, rng),
                new Linear("fc2", 16, 8, false, rng),
                new RecurrentNeuronLayer("cuba", 8, StepNeuron.cubaLif(0.8f, 0.7f, 1f), new FastSigmoid(), false,
                        Recurrence.ONE_TO_ONE, 0.3, rng),
                new Linear("fc3", 8, CLASSES, false, rng),
                new LeakyIntegrator("li", 0.9f, 1f));
    }

    static Tensor input() {
        Tensor x = Tensor.zeros(STEPS, SAMPLES, IN);
        Rng rng = new Rng(5);
        for (int i = 0; i < x.size(); i++) x.data()[i] = rng.nextFloat() < 0.3f ? 1f : 0f;
        return x;
    }

    static int[] labels() {
        int[] y = new int[STEPS * SAMPLES];
        for (int i = 0; i < y.length; i++) y[i] = (i / 7) % CLASSES;
        return y;
    }

    static Tensor window(Tensor x, int from, int to) {
        int per = x.sizeFrom(1);
        return new Tensor(Arrays.copyOfRange(x.data(), from * per, to * per), to - from, SAMPLES, IN);
    }

    static TruncatedBptt.WindowLoss perStep(int[] labels) {
        Loss loss = new PerStepLoss(new SoftmaxCrossEntropy());
        return (out, from, to) -> loss.evaluate(out, Arrays.copyOfRange(labels, from * SAMPLES, to * SAMPLES), new Rng(0));
    }

    static List<float[]> grads(Sequential net) {
        List<float[]> g = new ArrayList<>();
        for (Parameter p : net.parameters()) g.add(p.grad().data().clone());
        return g;
    }

    @Test
    void oneWindowOfAllStepsIsExactlyFullBptt() {
        Tensor x = input();
        int[] y = labels();
        Sequential full = network(9), truncated = network(9);
        Pass pass = full.forward(x, ForwardContext.training(new Rng(1)));
        Loss.Result r = new PerStepLoss(new SoftmaxCrossEntropy()).evaluate(pass.output(), y, new Rng(0));
        pass.backward(r.gradient(), false);
        double value = new TruncatedBptt(truncated, STEPS).run((a, b) -> window(x, a, b), STEPS, SAMPLES, perStep(y),
                () -> ForwardContext.training(new Rng(1)), () -> {});
        assertEquals(r.value(), value, 0);
        List<float[]> a = grads(full), b = grads(truncated);
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i), full.parameters().get(i).name());
        // and after an optimizer step on each, the weights agree bit for bit
        new Adam(full.parameters(), 0).step(0.01);
        new Adam(truncated.parameters(), 0).step(0.01);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(full.parameters().get(i).value().data(), truncated.parameters().get(i).value().data());
        }
    }

    @Test
    void windowsCarryTheStateButNotTheGradient() {
        Tensor x = input();
        int[] y = labels();
        Sequential whole = network(9), windowed = network(9);
        float[] expected = whole.forward(x, ForwardContext.evaluation()).output().data();
        float[] outputs = new float[expected.length];
        int per = SAMPLES * CLASSES;
        TruncatedBptt.WindowLoss loss = perStep(y);
        new TruncatedBptt(windowed, 5).run((a, b) -> window(x, a, b), STEPS, SAMPLES, (out, from, to) -> {
            System.arraycopy(out.data(), 0, outputs, from * per, (to - from) * per);
            return loss.evaluate(out, from, to);
        }, () -> ForwardContext.training(new Rng(1)), () -> {});
        assertArrayEquals(expected, outputs);   // the windows' forward is the whole sequence's
        Pass pass = whole.forward(x, ForwardContext.training(new Rng(1)));
        pass.backward(new PerStepLoss(new SoftmaxCrossEntropy()).evaluate(pass.output(), y, new Rng(0)).gradient(), false);
        assertNotEquals(Arrays.toString(grads(whole).get(1)), Arrays.toString(grads(windowed).get(1)));   // truncated
    }
}
