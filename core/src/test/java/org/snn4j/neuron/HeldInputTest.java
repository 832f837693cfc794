package org.snn4j.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.snn4j.encode.DirectEncoder;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Pass;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** A one-step input held for T steps behaves exactly as the same input repeated T times. */
class HeldInputTest {
    private static final int T = 6;

    private static Tensor repeated(Tensor once) {
        return new DirectEncoder().encode(once.reshape(once.shapeFrom(1)), T, new Rng(0));
    }

    @Test
    void neuronLayerHoldsAOneStepInputForTSteps() {
        NeuronLayer layer = NeuronConfig.builder().model("lif").leak(0.8f).threshold(0.7f).reset("subtract").surrogate("arctan").layer("sn");
        Tensor once = Tensor.zeros(1, 3, 2, 5);
        new Rng(4).fillUniform(once.data(), -0.2f, 0.9f);
        Tensor full = repeated(once);

        SpikeRecords heldCtxSpikes = new SpikeRecords();

        ForwardContext heldCtx = ForwardContext.evaluationWithBackward().withSteps(T).with(heldCtxSpikes);
        Pass held = layer.forward(once, heldCtx);
        SpikeRecords fullCtxSpikes = new SpikeRecords();
        ForwardContext fullCtx = ForwardContext.evaluationWithBackward().with(fullCtxSpikes);
        Pass reference = layer.forward(full, fullCtx);
        assertArrayEquals(reference.output().data(), held.output().data());
        assertArrayEquals(reference.output().shape(), held.output().shape());
        assertEquals(fullCtxSpikes.byLayer().get("sn"), heldCtxSpikes.byLayer().get("sn"));

        Tensor g = Tensor.zeros(full.shape());
        new Rng(5).fillUniform(g.data(), -1, 1);
        Tensor gHeld = held.backward(g, true), gFull = reference.backward(g, true);
        assertArrayEquals(once.shape(), gHeld.shape());
        int n = once.size();
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int t = 0; t < T; t++) sum += gFull.data()[t * n + i];
            assertEquals(sum, gHeld.data()[i], 1e-5, "element " + i);
        }
    }

    @Test
    void readoutOfAHeldInputEqualsTheReadoutOfItsRepetition() {
        for (boolean lee : new boolean[] {false, true}) {
            IntegratingReadout readout = new IntegratingReadout("readout", 0.9f, lee);
            Tensor once = Tensor.zeros(1, 2, 4);
            new Rng(6).fillUniform(once.data(), -1, 1);
            Pass held = readout.forward(once, ForwardContext.evaluationWithBackward().withSteps(T));
            Pass reference = readout.forward(repeated(once), ForwardContext.evaluationWithBackward());
            assertArrayEquals(reference.output().data(), held.output().data(), 1e-6f);
            Tensor g = Tensor.full(1f, 1, 2, 4);
            Tensor gFull = reference.backward(g, true), gHeld = held.backward(g, true);
            for (int i = 0; i < once.size(); i++) {
                double sum = 0;
                for (int t = 0; t < T; t++) sum += gFull.data()[t * once.size() + i];
                assertEquals(sum, gHeld.data()[i], 1e-6);
            }
        }
    }

    @Test
    void directEncoderReturnsTheInputOnceForHolding() {
        Tensor x = Tensor.full(0.5f, 2, 1, 3, 3);
        Tensor once = new DirectEncoder().encodeCompact(x, 8, new Rng(0));
        assertArrayEquals(new int[] {1, 2, 1, 3, 3}, once.shape());
        assertArrayEquals(x.data(), once.data());
    }
}
