package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.engine.Executor;
import org.snn4j.neuron.LeakyIntegrator;
import org.snn4j.neuron.Recurrence;
import org.snn4j.neuron.RecurrentNeuronLayer;
import org.snn4j.neuron.StepNeuron;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.TimeReduction;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** The spec's temporal entries (recurrent, integrator, reduce) and the shd-rsnn preset. */
class TemporalSpecTest {
    private static final String SPEC = """
            {"name": "t", "input": [6], "classes": 3, "layers": [
              {"type": "linear", "out": 5},
              {"type": "recurrent", "neuron": "cubalif", "leak": 0.8, "synaptic_decay": 0.5, "threshold": 0.7,
               "reset": "zero", "recurrence": "one-to-one", "surrogate": "arctan", "init_std": 0.1},
              {"type": "linear", "out": 4},
              {"type": "recurrent", "neuron": "alif", "adaptation_decay": 0.9, "adaptation_jump": 0.3},
              {"type": "linear", "out": 3},
              {"type": "integrator", "leak": 0.8, "scale": 2},
              {"type": "reduce", "mode": "last"}]}""";

    @Test
    void readsBuildsAndWritesBackTheTemporalEntries() {
        ModelSpec spec = ModelSpec.parse(SPEC, "t.json");
        assertEquals(spec, ModelSpec.parse(spec.toJson(), "again"));
        Model model = ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 1);
        RecurrentNeuronLayer cuba = (RecurrentNeuronLayer) model.network().children().get(1);
        assertEquals(new StepNeuron(StepNeuron.Kind.CUBALIF, 0.8f, 0.5f, 0f, 0f, 0.7f, org.snn4j.neuron.Reset.ZERO,
                org.snn4j.neuron.FireTest.STRICT), cuba.neuron());
        assertEquals(Recurrence.ONE_TO_ONE, cuba.recurrence());
        assertEquals("arctan", cuba.surrogate().name());
        RecurrentNeuronLayer alif = (RecurrentNeuronLayer) model.network().children().get(3);
        assertEquals(StepNeuron.alif(0.95f, 0.9f, 0.3f, 1f), alif.neuron());
        assertEquals(Recurrence.DENSE, alif.recurrence());
        assertEquals(2f, ((LeakyIntegrator) model.network().children().get(5)).inputScale());
        assertEquals(TimeReduction.Mode.LAST, ((TimeReduction) model.network().children().get(6)).mode());
        Tensor x = Tensor.zeros(9, 2, 6);
        new Rng(1).fillUniform(x.data(), 0f, 1f);
        Tensor out = Executor.dense(model).forward(x, ForwardContext.evaluation()).output();
        assertArrayEquals(new int[] {1, 2, 3}, out.shape());
    }

    @Test
    void refusesUnknownNamesAndFieldsForAnotherNeuron() {
        String badNeuron = SPEC.replace("\"cubalif\"", "\"izhikevich\"");
        var e = assertThrows(SpecException.class, () -> ModelBuilder.build(ModelSpec.parse(badNeuron, "t.json"), ModelBuilder.Mode.SNN, 1));
        assertTrue(e.getMessage().contains("field 'neuron' must be one of [lif, cubalif, alif], was 'izhikevich'"), e.getMessage());
        String misplaced = SPEC.replace("\"neuron\": \"alif\"", "\"neuron\": \"lif\"");
        e = assertThrows(SpecException.class, () -> ModelBuilder.build(ModelSpec.parse(misplaced, "t.json"), ModelBuilder.Mode.SNN, 1));
        assertTrue(e.getMessage().contains("field 'adaptation_decay' is not for neuron lif"), e.getMessage());
        assertThrows(SpecException.class, () -> ModelSpec.parse(SPEC.replace("\"leak\": 0.8, \"synaptic", "\"leak\": 1.8, \"synaptic"), "t"));
    }

    @Test
    void shdPresetHasTwoRecurrentAlifLayersAndALeakyReadout() {
        Model m = ModelBuilder.build(Presets.byName("shd-rsnn", new int[] {700}, 20, Presets.Options.defaults()), ModelBuilder.Mode.SNN, 1);
        // 700·256 + 256² (recurrent) + 256·256 + 256² (recurrent) + 256·20, bias-free
        assertEquals(700 * 256 + 3 * 256 * 256 + 256 * 20, m.parameterCount());
        assertEquals(2, m.layers().stream().filter(l -> l instanceof RecurrentNeuronLayer r
                && r.neuron().kind() == StepNeuron.Kind.ALIF && r.recurrence() == Recurrence.DENSE).count());
        assertTrue(m.network().children().get(m.network().children().size() - 2) instanceof LeakyIntegrator);
        assertEquals(TimeReduction.Mode.MAX, ((TimeReduction) m.network().children().getLast()).mode());
    }
}
