package org.snn4j.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.kernels.NeuronSpec;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Qcfs;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** {@link SignedSpikes} and signed {@link NeuronLayer}s. */
class SignedSpikesTest {
    private static NeuronLayer signedLayer(float theta, boolean signed) {
        return NeuronConfig.builder().model("if").threshold(theta).amplitude(theta).reset("subtract").fire("non-strict")
                .initialMembrane("half-threshold").signed(signed).layer("sn");
    }

    /** Golden: θ = 1, V[0] = 0.5, worked by hand from the equations of {@link SignedSpikes}. */
    @Test
    void takesBackTheSpikesThatUnevenInputCaused() {
        float[] x = {1.0f, 0.5f, -1.0f, -0.5f, 0.25f, 0.5f};
        // t1: H = 1.5 ≥ 1 → +1, V = 0.5, N = 1;   t2: H = 1.0 → +1, V = 0, N = 2
        // t3: H = −1.0 < 0, N > 0 → −1, V = 0, N = 1;   t4: H = −0.5 → −1, V = 0.5, N = 0
        // t5: H = 0.75 → 0;   t6: H = 1.25 → +1, V = 0.25, N = 1
        float[] expected = {1, 1, -1, -1, 0, 1};
        float[] signed = signedLayer(1f, true).forward(new Tensor(x.clone(), 6, 1), ForwardContext.evaluation()).output().data();
        assertArrayEquals(expected, signed);
        // Net count 1 = floor((0.5 + Σx)/θ) = floor(1.25); the unsigned neuron keeps both early spikes and
        // over-fires: t3..t6 leave V at 0, −1, −0.75, −0.25.
        float[] unsigned = signedLayer(1f, false).forward(new Tensor(x.clone(), 6, 1), ForwardContext.evaluation()).output().data();
        assertArrayEquals(new float[] {1, 1, 0, 0, 0, 0}, unsigned);
    }

    @Test
    void netCountIsTheCountOfTheMeanInputWheneverOneSpikePerStepSuffices() {
        Rng rng = new Rng(5);
        float theta = 1.3f;
        int steps = 16, n = 2000;
        float[] x = new float[steps * n];
        for (int i = 0; i < x.length; i++) x[i] = theta * (1.9f * rng.nextFloat() - 0.9f) * 0.999f;   // |x| < θ
        float[] s = new float[x.length];
        long events = SignedSpikes.forward(signedLayer(theta, true).spec(), x, s, steps, n, false, false);
        long nonZero = 0;
        int mismatches = 0;
        for (int j = 0; j < n; j++) {
            double sum = 0.5 * theta;
            int net = 0;
            for (int t = 0; t < steps; t++) {
                sum += x[t * n + j];
                net += (int) s[t * n + j];
                if (s[t * n + j] != 0) nonZero++;
                assertTrue(net >= 0, "the net count never goes below zero");
            }
            double w = sum / theta;
            if (Math.abs(w - Math.rint(w)) < 1e-4) continue;   // a float tie
            if (net != Math.max(0, (int) Math.floor(w))) mismatches++;
        }
        assertEquals(0, mismatches);
        assertEquals(nonZero, events);
    }

    /** Golden: θ = 1, V[0] = 0.5, T = 4, bursts, worked by hand. */
    @Test
    void burstsCarrySeveralSpikesInOneStepUpToTSpikesInAll() {
        float[] x = {2.75f, -2.0f, 3.0f, 0.25f};
        // t1: H = 3.25 → +3, V = 0.25, N = 3;   t2: H = −1.75 → −2 (ceil 1.75), V = 0.25, N = 1
        // t3: H = 3.25 → +3 = T − N, V = 0.25, N = 4;   t4: H = 0.5 → 0 (N = T: saturated anyway)
        NeuronLayer layer = NeuronConfig.builder().model("if").threshold(1f).amplitude(1f).reset("subtract").fire("non-strict")
                .initialMembrane("half-threshold").signed(true).burst(true).layer("b");
        SpikeRecords records = new SpikeRecords();
        ForwardContext ctx = ForwardContext.evaluation().with(records);
        assertArrayEquals(new float[] {3, -2, 3, 0}, layer.forward(new Tensor(x, 4, 1), ctx).output().data());
        assertEquals(8, records.byLayer().get("b").spikes(), "spikes of either sign, bursts counted spike by spike");
    }

    @Test
    void withBurstsTheNetCountAfterEveryStepIsTheQuantizedAccumulatedInput() {
        Rng rng = new Rng(8);
        float theta = 0.7f;
        int steps = 12, n = 20_000;   // several blocks of neurons, on more than one thread
        float[] x = new float[steps * n];
        for (int i = 0; i < x.length; i++) x[i] = theta * (8f * rng.nextFloat() - 4f);   // up to 4θ either way
        float[] s = new float[x.length];
        NeuronSpec spec = signedLayer(theta, true).spec();
        SignedSpikes.forward(spec, x, s, steps, n, false, true);
        int checked = 0;
        for (int j = 0; j < n; j++) {
            double sum = 0.5 * theta;
            int net = 0;
            for (int t = 0; t < steps; t++) {
                sum += x[t * n + j];
                net += (int) s[t * n + j];
                double w = sum / theta;
                if (Math.abs(w - Math.rint(w)) < 1e-4) break;   // a float tie: later steps inherit it
                assertEquals(Math.min(steps, Math.max(0, (int) Math.floor(w))), net, "neuron " + j + " step " + t);
                checked++;
            }
        }
        assertTrue(checked > steps * n * 9 / 10, "checked " + checked);
    }

    @Test
    void aConstantInputNeverFiresNegativeSpikesAndMatchesQcfsAtTEqualsL() {
        float lambda = 1.7f;
        int levels = 8, n = 256;
        float[] z = new float[n];
        Rng rng = new Rng(9);
        for (int i = 0; i < n; i++) z[i] = lambda * (1.6f * rng.nextFloat() - 0.3f);
        ForwardContext held = ForwardContext.evaluation().withSteps(levels);
        float[] signed = signedLayer(lambda, true).forward(new Tensor(z.clone(), 1, n), held).output().data();
        float[] unsigned = signedLayer(lambda, false).forward(new Tensor(z.clone(), 1, n), held).output().data();
        assertArrayEquals(unsigned, signed);
        float[] ann = new Qcfs("q", levels, lambda).forward(new Tensor(z.clone(), 1, 1, n), ForwardContext.evaluation()).output().data();
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int t = 0; t < levels; t++) sum += signed[t * n + i];
            assertEquals(ann[i], sum / levels, 1e-5, "z=" + z[i]);
        }
    }

    @Test
    void spikesCarryTheAmplitudeWithTheirSignAndBothSignsAreRecorded() {
        SpikeRecords records = new SpikeRecords();
        ForwardContext ctx = ForwardContext.evaluation().with(records);
        float[] y = signedLayer(2f, true).forward(new Tensor(new float[] {2.0f, -1.5f}, 2, 1), ctx).output().data();
        assertArrayEquals(new float[] {2f, -2f}, y);
        assertEquals(2, records.byLayer().get("sn").spikes());
    }

    @Test
    void refusesTrainingOtherModelsAndOtherResets() {
        NeuronLayer layer = signedLayer(1f, true);
        Tensor in = new Tensor(new float[] {1f, 0f}, 2, 1);
        assertEquals("sn: signed spikes have no gradient (they are for converted inference); train or fine-tune without them",
                assertThrows(Snn4jException.class, () -> layer.forward(in, ForwardContext.evaluationWithBackward())).getMessage());
        assertEquals("signed spikes need model if with reset subtract, was lif with reset subtract",
                assertThrows(Snn4jException.class, () -> NeuronConfig.builder().model("lif").signed(true).build()).getMessage());
        assertEquals("signed spikes need model if with reset subtract, was if with reset zero",
                assertThrows(Snn4jException.class, () -> NeuronConfig.builder().reset("zero").signed(true).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SignedSpikes.forward(NeuronConfig.builder().model("lif").layer("l").spec(),
                new float[1], new float[1], 1, 1, false, false));
        assertEquals("burst spikes need signed neurons",
                assertThrows(Snn4jException.class, () -> NeuronConfig.builder().burst(true).build()).getMessage());
    }

    /**
     * Run in chunks of 1, 2 and 5 steps with the membranes and net counts carried over and the burst cap at
     * the whole run's T, signed neurons (with and without bursts, several blocks on several threads) fire
     * exactly the spikes of one run; held input too.
     */
    @Test
    void chunksThatContinueTheStateFireAsOneRun() {
        Rng rng = new Rng(12);
        float theta = 0.7f;
        int steps = 10, n = 3000;
        float[] x = new float[steps * n];
        for (int i = 0; i < x.length; i++) x[i] = theta * (6f * rng.nextFloat() - 2.5f);   // bursts hit the cap of T
        NeuronSpec spec = signedLayer(theta, true).spec();
        for (boolean burst : new boolean[] {false, true}) {
            for (boolean held : new boolean[] {false, true}) {
                float[] whole = new float[x.length];
                long wholeCount = SignedSpikes.forward(spec, x, whole, steps, n, held, burst);
                for (int chunk : new int[] {1, 2, 5}) {
                    float[] membrane = new float[n], net = new float[n], chunked = new float[x.length];
                    java.util.Arrays.fill(membrane, spec.initialMembrane());
                    long count = 0;
                    for (int t0 = 0; t0 < steps; t0 += chunk) {
                        int t1 = Math.min(steps, t0 + chunk);
                        float[] in = held ? x : java.util.Arrays.copyOfRange(x, t0 * n, t1 * n);
                        float[] out = new float[(t1 - t0) * n];
                        count += SignedSpikes.forwardContinue(spec, in, out, t1 - t0, n, held, burst, steps, membrane, net);
                        System.arraycopy(out, 0, chunked, t0 * n, out.length);
                    }
                    assertArrayEquals(whole, chunked, "burst " + burst + ", held " + held + ", chunks of " + chunk);
                    assertEquals(wholeCount, count);
                }
            }
        }
    }
}
