package org.snn4j.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;

class NeuronConfigTest {
    @Test
    void fillsFromStrings() {
        NeuronConfig.Builder b = NeuronConfig.builder().model("LIF").leak(0.95f).threshold(0.5f).reset("zero")
                .fire("non-strict").initialMembrane("half-threshold").surrogate("fast-sigmoid").detachReset(true);
        NeuronConfig c = b.build();
        assertEquals(new LIF(0.95f), c.model());
        assertEquals(0.5f, c.threshold());
        assertEquals(Reset.ZERO, c.reset());
        assertEquals(FireTest.NON_STRICT, c.fire());
        assertEquals(InitialMembrane.HALF_THRESHOLD, c.initialMembrane());
        NeuronLayer layer = b.layer("lif1");
        assertInstanceOf(FastSigmoid.class, layer.surrogate());
        assertTrue(layer.detachReset());
        assertEquals(0, layer.parameters().size());
    }

    @Test
    void defaultsPerModel() {
        assertEquals(new LIF(0.99f), NeuronConfig.builder().model("lif").build().model());
        assertEquals(new ParametricLIF(1f), NeuronConfig.builder().model("plif").build().model());
        assertEquals(NeuronConfig.defaults(), NeuronConfig.builder().build());
        assertInstanceOf(Triangle.class, NeuronConfig.builder().surrogate());
        for (String name : Surrogates.names()) assertEquals(name, Surrogates.byName(name).name());
    }

    @Test
    void unknownNamesListTheValidOnes() {
        Snn4jException e = assertThrows(Snn4jException.class, () -> Surrogates.byName("sigmoid"));
        assertEquals("unknown surrogate 'sigmoid'; valid: lee, lee-no-leak-factor, rectangular, triangle, "
                + "fast-sigmoid, arctan, stdb, lee-pool", e.getMessage());
        e = assertThrows(Snn4jException.class, () -> NeuronConfig.builder().model("izhikevich"));
        assertEquals("unknown neuron model 'izhikevich'; valid: if, lif, plif", e.getMessage());
        e = assertThrows(Snn4jException.class, () -> NeuronConfig.builder().reset("soft"));
        assertEquals("unknown reset 'soft'; valid: zero, subtract", e.getMessage());
        assertThrows(Snn4jException.class, () -> NeuronConfig.builder().model("lif").leak(1.5f).build());
        assertThrows(Snn4jException.class, () -> NeuronConfig.builder().threshold(0).build());
    }

    @Test
    void trainableNeuronsRefuseLeesDerivative() {
        assertThrows(Snn4jException.class,
                () -> NeuronConfig.builder().model("plif").surrogate("lee").layer("p"));
        NeuronLayer p = NeuronConfig.builder().model("plif").leak(0.9f).threshold(0.7f).layer("p");
        assertEquals("p.leak", p.parameters().get(0).name());
        assertEquals(0.9f, p.parameters().get(0).value().data()[0]);
        assertEquals("p.threshold", p.parameters().get(1).name());
        assertEquals(0.7f, p.parameters().get(1).value().data()[0]);
    }
}
