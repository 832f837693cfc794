package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.loss.Loss;
import org.snn4j.loss.SoftmaxCrossEntropy;
import org.snn4j.model.LayerSpec;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.Presets;
import org.snn4j.neuron.FastSigmoid;
import org.snn4j.neuron.LeakyIntegrator;
import org.snn4j.neuron.Recurrence;
import org.snn4j.neuron.RecurrentNeuronLayer;
import org.snn4j.neuron.StepNeuron;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Linear;
import org.snn4j.nn.Parameter;
import org.snn4j.nn.Sequential;
import org.snn4j.nn.TimeReduction;
import org.snn4j.optim.Adam;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** The order task ({@link OrderTask}) needs memory: a recurrent network learns it, the same network without recurrence cannot. */
class OrderTaskTest {
    static final int STEPS = 40;

    static Sequential network(Recurrence recurrence, long seed) {
        Rng rng = new Rng(seed);
        int hidden = 64;
        return new Sequential("order",
                new Linear("fc1", OrderTask.CHANNELS, hidden, false, rng),
                new RecurrentNeuronLayer("rec", hidden, StepNeuron.alif(0.7f, 0.5f, 0.2f, 1f), new FastSigmoid(5), false,
                        recurrence, 0.15, rng),
                new Linear("fc2", hidden, 2, false, rng),
                new LeakyIntegrator("li", 0.5f, 1f),
                new TimeReduction("sum", TimeReduction.Mode.SUM));
    }

    /** Trains for {@code epochs} over the training set in batches of 32 and returns the test accuracy. */
    static double trainAndTest(Sequential net, int epochs, boolean print) {
        return trainAndTest(net, epochs, STEPS, 10, print);
    }

    static double trainAndTest(Sequential net, int epochs, int steps, int gap, boolean print) {
        OrderTask train = OrderTask.generate(256, steps, gap, 1), test = OrderTask.generate(256, steps, gap, 2);
        Adam adam = new Adam(net.parameters(), 0);
        Loss loss = new SoftmaxCrossEntropy();
        Rng rng = new Rng(3);
        int batch = 32;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int b = 0; b < 256; b += batch) {
                Tensor x = samples(train.input, b, batch);
                int[] y = Arrays.copyOfRange(train.labels, b, b + batch);
                var pass = net.forward(x, ForwardContext.training(rng));
                Loss.Result r = loss.evaluate(pass.output(), y, rng);
                for (Parameter p : net.parameters()) p.zeroGrad();
                pass.backward(r.gradient(), false);
                adam.step(0.01);
            }
            if (print) System.out.println("epoch " + epoch + " test " + accuracy(net, test));
        }
        return accuracy(net, test);
    }

    static double accuracy(Layer net, OrderTask task) {
        float[] out = net.forward(task.input, ForwardContext.evaluation()).output().data();
        int right = 0;
        for (int n = 0; n < task.labels.length; n++) {
            int predicted = out[2 * n + 1] > out[2 * n] ? 1 : 0;
            if (predicted == task.labels[n]) right++;
        }
        return (double) right / task.labels.length;
    }

    /** Samples [from, from + count) of a [T, N, C] sequence. */
    static Tensor samples(Tensor x, int from, int count) {
        int steps = x.dim(0), n = x.dim(1), c = x.dim(2);
        Tensor out = Tensor.zeros(steps, count, c);
        for (int t = 0; t < steps; t++) System.arraycopy(x.data(), (t * n + from) * c, out.data(), t * count * c, count * c);
        return out;
    }

    @Test
    void onlyTheRecurrentNetworkLearnsTheOrder() {
        // measured: 1.0 and 0.48 (25 epochs of 256 sequences, 64 ALIF neurons, leak 0.7, adaptation decay 0.5)
        double recurrent = trainAndTest(network(Recurrence.DENSE, 7), 25, false);
        double feedForward = trainAndTest(network(Recurrence.NONE, 7), 25, false);
        assertTrue(recurrent >= 0.95, "recurrent accuracy " + recurrent);
        assertTrue(feedForward < 0.7, "feed-forward accuracy " + feedForward);
    }

    /** The {@code shd-rsnn} preset at a quarter width (64 neurons per layer) for the task's 16 channels and 2 classes. */
    static Sequential preset(boolean recurrent, double width) {
        ModelSpec spec = Presets.byName("shd-rsnn", new int[] {OrderTask.CHANNELS}, 2, new Presets.Options(false, 0, width));
        java.util.List<LayerSpec> layers = spec.layers().stream().map(e -> recurrent || !(e instanceof LayerSpec.Recurrent r) ? e
                : new LayerSpec.Recurrent(r.neuron(), r.leak(), r.synapticDecay(), r.adaptationDecay(), r.adaptationJump(),
                        r.threshold(), r.reset(), "none", r.surrogate(), r.initStd())).toList();
        ModelSpec variant = new ModelSpec(spec.name(), spec.inputShape(), 2, spec.neuron(), layers);
        return ModelBuilder.build(variant, ModelBuilder.Mode.SNN, 7).network();
    }

    /**
     * The acceptance test of issue 21 on the {@code shd-rsnn} preset (64 neurons per layer, gap 30 steps: its ALIF
     * neurons' own memory, decay 0.9 per step, keeps 4 % of a burst across it). Measured: 1.0 and 0.504. At 32 neurons
     * per layer the network without recurrence did learn the order (0.97 with a gap of 35): its neurons' adaptation
     * and membranes keep a small trace that a knife-edge neuron can read, so "without recurrence" is not "without
     * memory" for ALIF neurons, only far less of it.
     */
    @Test
    void theRecurrentPresetLearnsTheOrderAndWithoutRecurrenceItDoesNot() {
        double recurrent = trainAndTest(preset(true, 0.25), 25, 60, 30, false);
        double feedForward = trainAndTest(preset(false, 0.25), 25, 60, 30, false);
        assertTrue(recurrent >= 0.95, "recurrent preset accuracy " + recurrent);
        assertTrue(feedForward < 0.7, "preset without recurrence, accuracy " + feedForward);
    }
}
