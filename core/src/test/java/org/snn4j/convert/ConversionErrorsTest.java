package org.snn4j.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.snn4j.neuron.FireTest;
import org.snn4j.neuron.IF;
import org.snn4j.neuron.InitialMembrane;
import org.snn4j.neuron.NeuronConfig;
import org.snn4j.neuron.NeuronLayer;
import org.snn4j.neuron.Reset;
import org.snn4j.neuron.Triangle;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Tensor;

/** The error split on the hand-computed inputs of shared/papers.md §6.2 U5 (IF, θ = 1, v₀ = 0, soft reset). */
class ConversionErrorsTest {
    private static final NeuronLayer IF1 = new NeuronLayer("sn1",
            new NeuronConfig(new IF(), 1f, Reset.SUBTRACT, FireTest.NON_STRICT, InitialMembrane.ZERO), new Triangle(), false);

    private static ConversionErrors.LayerError errorOf(float[] currents, float ann) {
        int steps = currents.length;
        Tensor x = new Tensor(currents.clone(), steps, 1, 1);
        Tensor y = IF1.forward(x, ForwardContext.evaluation()).output();
        return ConversionErrors.layerError(IF1, x, y, steps, new float[] {ann});
    }

    @Test
    void aCalibratedChannelIsMeasuredWithItsOwnThresholdAndBiasCurrent() {
        // θ = 1 scaled by 2 with bias current 0.5 is the neuron of θ = 2 (amplitude 2) driven by x + 0.5.
        float[] currents = {1.5f, 1.5f, -0.5f, 1.5f, -1.5f, 1.5f};
        NeuronLayer calibrated = new org.snn4j.neuron.ConvertedNeuronLayer("sn1", new NeuronConfig(new IF(), 1f, Reset.SUBTRACT, FireTest.NON_STRICT,
                InitialMembrane.HALF_THRESHOLD, 1f), new Triangle(), false,
                new org.snn4j.neuron.ChannelCalibration(new float[] {2f}, new float[] {0.5f}));
        NeuronLayer plain = new NeuronLayer("sn1", new NeuronConfig(new IF(), 2f, Reset.SUBTRACT, FireTest.NON_STRICT,
                InitialMembrane.HALF_THRESHOLD, 2f), new Triangle(), false);
        float[] shifted = currents.clone();
        for (int t = 0; t < shifted.length; t++) shifted[t] += 0.5f;
        Tensor x = new Tensor(currents, currents.length, 1, 1), xs = new Tensor(shifted, shifted.length, 1, 1);
        ConversionErrors.LayerError a = ConversionErrors.layerError(calibrated, x,
                calibrated.forward(x, ForwardContext.evaluation()).output(), currents.length, new float[] {0.8f});
        ConversionErrors.LayerError b = ConversionErrors.layerError(plain, xs,
                plain.forward(xs, ForwardContext.evaluation()).output(), currents.length, new float[] {0.8f});
        assertEquals(b.quantization(), a.quantization(), 1e-12);
        assertEquals(b.deviation(), a.deviation(), 1e-12);
        assertEquals(b.versusAnn(), a.versusAnn(), 1e-12);
        assertEquals(b.inputSpread(), a.inputSpread(), 1e-6);
        // By hand (θ = 2, V[0] = 1, x + b = 2, 2, 0, 2, −1, 2): H = 3 (spike, V 1), 3 (V 1), 1, 3 (V 1), 0, 2 (V 0):
        // 4 spikes, value 2·4/6 = 1.33; mean 7/6, ideal count floor((7 + 1)/2) = 4: no deviation.
        assertEquals(0, a.deviation(), 1e-12);
        assertEquals(Math.abs(2.0 * 4 / 6 - 0.8), a.versusAnn(), 1e-6);
    }

    @Test
    void positiveThenNegativeInputOverFiresAsDeviationError() {
        // mean 0: the ideal count is 0, but the first five steps fire five spikes that cannot be retracted
        ConversionErrors.LayerError e = errorOf(new float[] {1, 1, 1, 1, 1, -1, -1, -1, -1, -1}, 0f);
        assertEquals(0, e.quantization(), 1e-12);
        assertEquals(0.5, e.deviation(), 1e-12);
        assertEquals(0.5, e.total(), 1e-12);
        assertEquals(0.5, e.versusAnn(), 1e-12);
        assertEquals(1.0, e.inputSpread(), 1e-6);
    }

    @Test
    void unevenPatternFiresOneSpikeTooManyAndConstantInputOnlyQuantizes() {
        // [+1.5, +1.5, −1, −1] × 2: mean 0.25, ideal floor(8 · 0.25) = 2 spikes, really 3
        ConversionErrors.LayerError uneven = errorOf(new float[] {1.5f, 1.5f, -1, -1, 1.5f, 1.5f, -1, -1}, 0.25f);
        assertEquals(0, uneven.quantization(), 1e-7);
        assertEquals(0.125, uneven.deviation(), 1e-7);
        ConversionErrors.LayerError constant = errorOf(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f}, 0.25f);
        assertEquals(0, constant.deviation(), 1e-7);
        assertEquals(0, constant.quantization(), 1e-7);
        // 0.3 for 4 steps: floor(1.2) = 1 spike stands for 0.25, 0.05 short of 0.3
        ConversionErrors.LayerError coarse = errorOf(new float[] {0.3f, 0.3f, 0.3f, 0.3f}, 0.3f);
        assertEquals(0.05, coarse.quantization(), 1e-6);
        assertEquals(0, coarse.deviation(), 1e-7);
        assertEquals(0.05, coarse.versusAnn(), 1e-6);
    }
}
