package org.snn4j.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.nn.BackwardResidualBlock;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Linear;
import org.snn4j.nn.Sequential;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** A spiking backward residual block against a hand simulation: each pass has its own membrane. */
class BackwardResidualNeuronsTest {
    private static Layer ifNeuron(String name) {
        return NeuronConfig.builder().model("if").threshold(1f).reset("subtract").fire("strict").layer(name);
    }

    @Test
    void theSecondPassIntegratesInputPlusFirstPassSpikes() {
        Linear fc = new Linear("fc", 1, 1, false, new Rng(1));
        fc.weight().value().data()[0] = 0.6f;
        BackwardResidualBlock block = new BackwardResidualBlock("bres", List.of(
                new Sequential("bres.p1", fc, ifNeuron("bres.p1.sn1")), new Sequential("bres.p2", fc, ifNeuron("bres.p2.sn1"))));
        Tensor x = new Tensor(new float[] {1, 1, 0, 1}, 4, 1, 1);
        SpikeRecords records = new SpikeRecords();
        ForwardContext ctx = ForwardContext.evaluation().with(records);
        Tensor y = block.forward(x, ctx).output();
        // Pass 1: currents 0.6 0.6 0 0.6 → V 0.6, 1.2 (spike, V 0.2), 0.2, 0.8 → y₁ = 0 1 0 0.
        // Pass 2: input x + y₁ = 1 2 0 1 → currents 0.6 1.2 0 0.6 → V 0.6, 1.8 (spike, V 0.8), 0.8, 1.4 (spike) → 0 1 0 1.
        assertArrayEquals(new float[] {0, 1, 0, 1}, y.data());
        assertEquals(1, records.byLayer().get("bres.p1.sn1").spikes());
        assertEquals(2, records.byLayer().get("bres.p2.sn1").spikes());
    }
}
