package org.snn4j.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.Executor;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.Presets;
import org.snn4j.nn.ActivationObserver;
import org.snn4j.nn.AvgPool2d;
import org.snn4j.nn.Finite;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.MaxPool2d;
import org.snn4j.nn.NumericalException;
import org.snn4j.nn.Parameter;
import org.snn4j.nn.Pass;
import org.snn4j.nn.Pool2d;
import org.snn4j.nn.Sequential;
import org.snn4j.nn.SpikeLoss;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * A training pass through a spiking layer and the average pooling after it, one sample at a time
 * ({@link PooledTraining}), gives bit for bit the output, spike count and input gradient of the two layers
 * run one after the other, for held and multi-step currents, other amplitudes, a spike loss and overlapping
 * windows; and a whole W1 step run by the executor (which fuses both of W1's pairs) the same output and
 * parameter gradients as its layers run one by one.
 */
class PooledTrainingTest {
    private static final int STEPS = 5, SAMPLES = 7, C = 3, H = 6, W = 10;

    private static NeuronLayer lif(float amplitude) {
        NeuronConfig c = new NeuronConfig(new LIF(0.9f), 0.7f, Reset.SUBTRACT, FireTest.NON_STRICT, InitialMembrane.HALF_THRESHOLD,
                amplitude);
        return new NeuronLayer("sn", c, new Triangle(), false);
    }

    private record Run(float[] output, float[] gradInput, long spikes) {}

    /** Forward and backward of {@code neurons} then {@code pool}, fused ({@link NeuronLayer#forwardThenPool}) or one by one. */
    private static Run run(NeuronLayer neurons, Pool2d<?> pool, Tensor input, float penalty, boolean fused) {
        SpikeRecords records = new SpikeRecords();
        ForwardContext ctx = ForwardContext.training(new Rng(1)).withSteps(STEPS).with(records)
                .with((SpikeLoss) layer -> penalty);
        Pass pass = fused ? neurons.forwardThenPool(input, pool, ctx) : new Sequential("chain", neurons, pool).forward(input, ctx);
        assertNotNull(pass);
        Tensor grad = Tensor.zeros(pass.output().shape());
        new Rng(5).fillUniform(grad.data(), -1, 1);
        float[] gradInput = pass.backward(grad, true).data().clone();
        return new Run(pass.output().data().clone(), gradInput, records.byLayer().get("sn").spikes());
    }

    @Test
    void fusedTrainingPassEqualsTheLayersRunOneByOne() {
        for (Pool2d<?> pool : new Pool2d<?>[] {new AvgPool2d("pool", 2, 2), new AvgPool2d("pool", 3, 2, 1)}) {
            for (float amplitude : new float[] {1f, 0.37f}) {
                for (float penalty : new float[] {0f, 0.05f}) {
                    for (int steps : new int[] {1, STEPS}) {   // 1: a current held for all steps
                        assertFusedEqualsLayered(pool, amplitude, penalty, steps, SAMPLES, C, H, W);
                    }
                }
            }
        }
    }

    /** Planes large enough for the backward to cut a sample into tiles: of one channel, and of six. */
    @Test
    void fusedTrainingPassEqualsTheLayersRunOneByOneAcrossTiles() {
        assertEquals(1, PooledTraining.channelsPerTile(6, 40 * 30));
        assertEquals(6, PooledTraining.channelsPerTile(12, 16 * 16));
        for (int steps : new int[] {1, STEPS}) {
            assertFusedEqualsLayered(new AvgPool2d("pool", 2, 2), 1f, 0f, steps, 3, 6, 40, 30);
            assertFusedEqualsLayered(new AvgPool2d("pool", 2, 2), 0.37f, 0.05f, steps, 3, 12, 16, 16);
        }
    }

    private static void assertFusedEqualsLayered(Pool2d<?> pool, float amplitude, float penalty, int steps,
                                                 int samples, int c, int h, int w) {
        float[] x = new float[steps * samples * c * h * w];
        new Rng(11 + steps).fillUniform(x, -0.4f, 0.9f);
        Tensor input = new Tensor(x, steps, samples, c, h, w);
        String what = pool.kernel() + "x" + pool.kernel() + " amplitude " + amplitude + " penalty " + penalty + " steps " + steps
                + " " + c + "x" + h + "x" + w;
        Run fused = run(lif(amplitude), pool, input, penalty, true);
        Run layered = run(lif(amplitude), pool, input, penalty, false);
        assertArrayEquals(layered.output(), fused.output(), 0f, what);
        assertArrayEquals(layered.gradInput(), fused.gradInput(), 0f, what);
        assertEquals(layered.spikes(), fused.spikes(), what);
        assertTrue(fused.spikes() > 0, what);
    }

    /**
     * The fused backward scans its input gradient tile by tile, naming a bad element by its index in the whole
     * gradient (as the caller's scan would), and the caller's next check of that gradient, only that one, is skipped.
     * (A NaN itself cannot be sent through: with assertions on, the neuron loops' own check throws first.)
     */
    @Test
    void fusedBackwardScansItsGradientSoTheCallersNextCheckIsSkipped() {
        ForwardContext ctx = ForwardContext.training(new Rng(1)).withSteps(STEPS);
        Tensor input = Tensor.zeros(STEPS, SAMPLES, C, H, W);
        Pass pass = lif(1f).forwardThenPool(input, new AvgPool2d("pool", 2, 2), ctx);
        float[] gx = pass.backward(Tensor.zeros(pass.output().shape()), true).data();
        gx[3] = Float.NaN;   // after the scan: the next check of gx is skipped, the one after is not
        Finite.check("sn", "input gradient", gx);
        org.junit.jupiter.api.Assertions.assertThrows(NumericalException.class, () -> Finite.check("sn", "input gradient", gx));
    }

    @Test
    void onlyPlainLayersBeforeAveragePoolingTrainFused() {
        Tensor input = Tensor.zeros(STEPS, SAMPLES, C, H, W);
        ForwardContext training = ForwardContext.training(new Rng(1)).withSteps(STEPS);
        assertNotNull(lif(1f).forwardThenPool(input, new AvgPool2d("pool", 2, 2), training));
        assertNull(lif(1f).forwardThenPool(input, new MaxPool2d("pool", 2, 2), training));
        assertNull(lif(1f).forwardThenPool(input, new AvgPool2d("pool", 2, 2),
                ForwardContext.training(new Rng(1)).withSteps(STEPS).with((ActivationObserver) (layer, in, out) -> { })));
        NeuronLayer plif = new NeuronLayer("sn", NeuronConfig.builder().model("plif").leak(0.9f).build(), new Triangle(), false);
        assertNull(plif.forwardThenPool(input, new AvgPool2d("pool", 2, 2), training));
    }

    @Test
    void aW1StepByTheExecutorHasTheGradientsOfItsLayersRunOneByOne() {
        Model model = ModelBuilder.build(Presets.byName("w1", new int[] {1, 28, 28}, 10, new Presets.Options(false, 0, 0.25)),
                ModelBuilder.Mode.SNN, 3);
        Tensor x = Tensor.zeros(1, 6, 1, 28, 28);
        new Rng(21).fillUniform(x.data(), 0, 1);
        List<float[]> fused = step(model, x, true), layered = step(model, x, false);
        for (int i = 0; i < fused.size(); i++) assertArrayEquals(layered.get(i), fused.get(i), 0f, "tensor " + i);
    }

    /** Output and every parameter gradient of one training pass, by the dense executor or the layers' own forward. */
    private static List<float[]> step(Model model, Tensor x, boolean executor) {
        ForwardContext ctx = ForwardContext.training(new Rng(7)).withSteps(4);
        Pass pass = executor ? Executor.dense(model).forward(x, ctx) : model.network().forward(x, ctx);
        for (Parameter p : model.parameters()) p.zeroGrad();
        Tensor grad = Tensor.zeros(pass.output().shape());
        new Rng(11).fillUniform(grad.data(), -1, 1);
        pass.backward(grad, true);
        List<float[]> out = new ArrayList<>();
        out.add(pass.output().data().clone());
        for (Parameter p : model.parameters()) {
            assertTrue(java.util.Arrays.stream(box(p.grad().data())).anyMatch(v -> v != 0f), p.name());
            out.add(p.grad().data().clone());
        }
        return out;
    }

    private static Float[] box(float[] a) {
        Float[] b = new Float[a.length];
        for (int i = 0; i < a.length; i++) b[i] = a[i];
        return b;
    }
}
