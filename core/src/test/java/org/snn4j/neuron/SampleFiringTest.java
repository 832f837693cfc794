package org.snn4j.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.nn.AvgPool2d;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.MaxPool2d;
import org.snn4j.nn.NumericalException;
import org.snn4j.nn.Pass;
import org.snn4j.nn.Pool2d;
import org.snn4j.nn.Sequential;
import org.snn4j.nn.ThresholdTuner;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * A spiking layer followed by pooling, run at inference one sample at a time ({@link SampleFiring},
 * {@link NeuronLayer#forwardThenPool}), gives bit for bit the output and spike count of the two layers run
 * one after the other, for held and multi-step currents.
 */
class SampleFiringTest {
    private static final int STEPS = 5, SAMPLES = 7, C = 3, H = 6, W = 10;

    private static NeuronLayer lif(float amplitude) {
        NeuronConfig c = new NeuronConfig(new LIF(0.9f), 0.7f, Reset.SUBTRACT, FireTest.NON_STRICT, InitialMembrane.HALF_THRESHOLD,
                amplitude);
        return new NeuronLayer("sn", c, new Triangle(), false);
    }

    private static Tensor current(int steps, long seed) {
        float[] x = new float[steps * SAMPLES * C * H * W];
        new Rng(seed).fillUniform(x, -0.4f, 0.9f);
        return new Tensor(x, steps, SAMPLES, C, H, W);
    }

    private record Run(float[] output, long spikes) {}

    /** The spiking layer then the pooling, fused ({@link NeuronLayer#forwardThenPool}) or one by one. */
    private static Run run(NeuronLayer neurons, Pool2d<?> pool, Tensor input, boolean fused) {
        SpikeRecords records = new SpikeRecords();
        ForwardContext ctx = ForwardContext.evaluation().withSteps(STEPS).with(records);
        Pass pass = fused ? neurons.forwardThenPool(input, pool, ctx) : new Sequential("chain", neurons, pool).forward(input, ctx);
        assertNotNull(pass, "the plain inference pass is fused");
        return new Run(pass.output().data().clone(), records.byLayer().get("sn").spikes());
    }

    @Test
    void fusedNeuronsAndPoolingEqualTheLayersRunOneByOne() {
        for (Pool2d<?> pool : new Pool2d<?>[] {new AvgPool2d("pool", 2, 2), new MaxPool2d("pool", 2, 2), new AvgPool2d("pool", 3, 2, 1)}) {
            for (float amplitude : new float[] {1f, 0.37f}) {
                for (int steps : new int[] {1, STEPS}) {   // 1: a current held for all steps
                    Tensor input = current(steps, 11 + steps);
                    Run fused = run(lif(amplitude), pool, input, true), layered = run(lif(amplitude), pool, input, false);
                    String what = pool + " amplitude " + amplitude + " steps " + steps;
                    assertArrayEquals(layered.output(), fused.output(), 0f, what);
                    assertEquals(layered.spikes(), fused.spikes(), what);
                    assertTrue(fused.spikes() > 0, what);
                }
            }
        }
    }

    /** Every sample through {@code firing} a chunk at a time, as {@link NeuronLayer#forwardThenPool} runs it. */
    private static Run runInChunks(SampleFiring firing, Tensor input, int steps, int outSize) {
        boolean held = input.dim(0) == 1;
        int size = input.sizeFrom(2);
        float[] out = new float[steps * SAMPLES * outSize], current = firing.newCurrent();
        long spikes = 0;
        for (int n = 0; n < SAMPLES; n++) {
            for (int t0 = 0; t0 < steps; t0 += firing.chunk()) {
                int t1 = t0 + firing.chunk();
                for (int t = t0; t < (held ? t0 + 1 : t1); t++) {
                    System.arraycopy(input.data(), ((held ? 0 : t) * SAMPLES + n) * size, current, (t - t0) * size, size);
                }
                spikes += firing.run(current, t0, t1, n, SAMPLES, out);
            }
        }
        return new Run(out, spikes);
    }

    @Test
    void chunksOfStepsCarryTheMembraneOverAndGiveWhatOneChunkOfAllStepsGives() {
        int[] image = {C, H, W};
        int steps = 6;
        for (Pool2d<?> pool : new Pool2d<?>[] {new AvgPool2d("pool", 2, 2), null}) {
            int outSize = pool == null ? C * H * W : C * (H / 2) * (W / 2);
            for (int inputSteps : new int[] {1, steps}) {
                Tensor input = current(inputSteps, 5 + inputSteps);
                NeuronLayer sn = lif(0.37f);
                boolean held = inputSteps == 1;
                Run whole = runInChunks(new SampleFiring(sn, pool, steps, image, held, steps), input, steps, outSize);
                for (int chunk : new int[] {1, 2, 3}) {
                    String what = pool + " input steps " + inputSteps + " chunk " + chunk;
                    Run chunked = runInChunks(new SampleFiring(sn, pool, steps, image, held, chunk), input, steps, outSize);
                    assertArrayEquals(whole.output(), chunked.output(), 0f, what);
                    assertEquals(whole.spikes(), chunked.spikes(), what);
                    assertTrue(whole.spikes() > 0, what);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new SampleFiring(lif(1f), null, steps, image, false, 4));
    }

    @Test
    void onlyAPlainInferencePassThroughPlainNeuronsIsFused() {
        Tensor input = current(STEPS, 3);
        Pool2d<?> pool = new AvgPool2d("pool", 2, 2);
        assertNotNull(lif(1f).forwardThenPool(input, pool, ForwardContext.evaluation().withSteps(STEPS)));
        assertNull(lif(1f).forwardThenPool(input, pool, ForwardContext.evaluation().withSteps(STEPS)
                .with((ThresholdTuner) (layer, in, steps, configured) -> configured)));
        NeuronConfig signed = NeuronConfig.builder().signed(true).build();
        assertNull(new ConvertedNeuronLayer("s", signed, new Triangle(), false, null).forwardThenPool(input, pool,
                ForwardContext.evaluation().withSteps(STEPS)));
    }

    @Test
    void aNonFinitePooledValueNamesThePoolAndItsIndexInTheUnfusedOutput() {
        // an amplitude so large that two spikes in a window overflow the average pool's sum
        Pool2d<?> pool = new AvgPool2d("pool", 2, 2);
        Tensor input = Tensor.zeros(STEPS, SAMPLES, C, H, W);
        java.util.Arrays.fill(input.data(), 2 * C * H * W, 3 * C * H * W, 5f);   // sample 2 at t = 0 only
        NumericalException fused = assertThrows(NumericalException.class, () -> run(lif(Float.MAX_VALUE), pool, input, true));
        NumericalException layered = assertThrows(NumericalException.class, () -> run(lif(Float.MAX_VALUE), pool, input, false));
        assertTrue(fused.getMessage().contains("pool"), fused.getMessage());
        assertEquals(layered.getMessage(), fused.getMessage());
    }

    @Test
    void thePooledMapsAreScannedOnlyWhenAWindowsSumOfSpikesCouldOverflow() {
        Pool2d<?> pool = new AvgPool2d("pool", 2, 2);
        assertEquals(4.0 * 0.37f, SampleFiring.mayPoolTo(lif(0.37f), pool), 1e-6);
        // every neuron fires at t = 0: four spikes of the largest amplitude whose window sum stays finite, then one ulp more
        float largest = Float.MAX_VALUE / 4;
        Tensor input = Tensor.zeros(STEPS, SAMPLES, C, H, W);
        java.util.Arrays.fill(input.data(), 0, SAMPLES * C * H * W, 5f);
        Run fused = run(lif(largest), pool, input, true), layered = run(lif(largest), pool, input, false);
        assertArrayEquals(layered.output(), fused.output(), 0f);
        assertEquals(largest, fused.output()[0]);   // the window's sum reached Float.MAX_VALUE
        NeuronLayer past = lif(Math.nextUp(largest));
        NumericalException fusedError = assertThrows(NumericalException.class, () -> run(past, pool, input, true));
        NumericalException layeredError = assertThrows(NumericalException.class, () -> run(past, pool, input, false));
        assertEquals(layeredError.getMessage(), fusedError.getMessage());
    }
}
