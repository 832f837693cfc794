package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed spec: JSON read into records and written back exactly, field order and number forms included. */
class SpecRoundTripTest {
    /** Every field the format has, in the order the writer writes them. */
    private static final String FULL = """
            {
              "name": "full",
              "description": "every field",
              "input": [
                2,
                8,
                8
              ],
              "classes": 3,
              "neuron": {
                "model": "lif",
                "leak": 0.9,
                "threshold": 1.0,
                "surrogate": "lee"
              },
              "layers": [
                {
                  "type": "conv",
                  "out": 4,
                  "kernel": 3,
                  "stride": 1,
                  "padding": 1,
                  "bias": true,
                  "init_std": 0.05
                },
                {
                  "type": "batchnorm",
                  "momentum": 0.2,
                  "eps": 1.0E-4
                },
                {
                  "type": "spike",
                  "model": "if",
                  "leak": 1.0,
                  "threshold": 0.75,
                  "amplitude": 0.75,
                  "reset": "subtract",
                  "test": "non-strict",
                  "initial": "half-threshold",
                  "surrogate": "arctan",
                  "detach_reset": true,
                  "signed": true,
                  "burst": false,
                  "channel_scale": [
                    1.0,
                    2.0,
                    0.5,
                    1.0
                  ],
                  "channel_bias": [
                    0.0,
                    0.1,
                    -0.1,
                    0.0
                  ]
                },
                {
                  "type": "residual",
                  "branch": [
                    {
                      "type": "conv",
                      "out": 4,
                      "kernel": 3,
                      "padding": 1
                    }
                  ],
                  "shortcut": [
                    {
                      "type": "avgpool",
                      "kernel": 1,
                      "stride": 1
                    }
                  ],
                  "neuron": {
                    "threshold": 2.0
                  }
                },
                {
                  "type": "backres",
                  "passes": 2,
                  "body": [
                    {
                      "type": "conv",
                      "out": 4,
                      "kernel": 3,
                      "padding": 1
                    },
                    {
                      "type": "relu"
                    },
                    {
                      "type": "dropout",
                      "p": 0.25
                    }
                  ]
                },
                {
                  "type": "maxpool",
                  "kernel": 2,
                  "stride": 2,
                  "padding": 0
                },
                {
                  "type": "globalavgpool"
                },
                {
                  "type": "flatten"
                },
                {
                  "type": "linear",
                  "out": 8,
                  "bias": false,
                  "init_std": 0.1
                },
                {
                  "type": "spike",
                  "ann": true
                },
                {
                  "type": "linear",
                  "out": 3
                },
                {
                  "type": "readout",
                  "leak": 0.99
                }
              ],
              "ann_activation": {
                "type": "qcfs",
                "levels": 4,
                "bound": 2.5
              },
              "hybrid": {
                "boundary": "membrane",
                "leak": 0.5
              },
              "neuron_by_layer": {
                "res1.out": {
                  "threshold": 0.87654
                },
                "sn1": {
                  "model": "if"
                }
              }
            }""";

    @Test
    void aSpecWithEveryFieldWritesBackExactly() {
        ModelSpec spec = ModelSpec.parse(FULL, "full.json");
        assertEquals(FULL, spec.toJson());
        assertEquals(spec, ModelSpec.parse(spec.toJson(), "again"));
        ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 1);
        ModelBuilder.build(spec, ModelBuilder.Mode.ANN, 1);
    }

    @Test
    void recordsHoldTheFieldsAndLeaveUnsetOnesNull() {
        ModelSpec spec = ModelSpec.parse(FULL, "full.json");
        LayerSpec.Conv conv = (LayerSpec.Conv) spec.layers().get(0);
        assertEquals(new LayerSpec.Conv(4, 3, 1, 1, true, 0.05), conv);
        LayerSpec.Residual block = (LayerSpec.Residual) spec.layers().get(3);
        assertEquals(new LayerSpec.Conv(4, 3, null, 1, null, null), block.branch().getFirst());
        assertEquals(2f, block.neuron().threshold());
        assertNull(block.neuron().model());
        assertTrue(((LayerSpec.Spike) spec.layers().get(9)).annPosition());
        assertEquals(List.of("res1.out", "sn1"), List.copyOf(spec.neuronByLayer().keySet()));
        assertEquals(0.87654f, spec.neuronByLayer().get("res1.out").threshold());
        assertEquals(new Hybrid(Hybrid.Boundary.MEMBRANE, 0.5), spec.hybrid());
    }

    @Test
    void everyPresetRoundTrips() {
        for (String name : List.of("lenet", "lenet-pool-scaled", "vgg7", "vgg9", "vgg9-plan", "vgg11", "vgg16", "resnet7", "resnet9",
                "resnet11", "resnet11-plan", "resnet20",
                "resnet8", "backres-vgg2", "plain-vgg2", "w1", "nmnist", "dvs-gesture")) {
            for (Presets.Norm norm : Presets.Norm.values()) {
                ModelSpec s = Presets.byName(name, new int[] {3, 32, 32}, 10, new Presets.Options(norm, 0.2, 1));
                assertEquals(s, ModelSpec.parse(s.toJson(), name), name + " " + norm);
                assertEquals(s.toJson(), ModelSpec.parse(s.toJson(), name).toJson(), name + " " + norm);
            }
        }
    }

    @Test
    void tdbnAlphaIsReadWrittenAndChecked() {
        String spec = """
                {"name": "t", "input": [1, 4, 4], "classes": 2, "neuron": {"threshold": 0.5},
                 "layers": [{"type": "conv", "out": 2, "kernel": 3, "padding": 1}, {"type": "batchnorm", "alpha": 0.25}, {"type": "spike"},
                            {"type": "flatten"}, {"type": "linear", "out": 2}, {"type": "readout"}]}""";
        ModelSpec s = ModelSpec.parse(spec, "t.json");
        assertEquals(new LayerSpec.BatchNorm(null, null, 0.25), s.layers().get(1));
        assertTrue(s.toJson().contains("\"alpha\": 0.25") || s.toJson().contains("\"alpha\":0.25"), s.toJson());
        org.snn4j.nn.BatchNorm bn = (org.snn4j.nn.BatchNorm) ModelBuilder.build(s, ModelBuilder.Mode.SNN, 1).network().get(1);
        assertEquals(0.25 * 0.5, bn.scale(), 1e-9, "alpha times the model neuron's threshold");
        SpecException e = assertThrows(SpecException.class, () -> ModelSpec.parse(spec.replace("0.25", "0"), "t.json"));
        assertTrue(e.getMessage().contains("'alpha' must be > 0"), e.getMessage());
    }

    @Test
    void neuronLevelsMergeFieldByField() {
        NeuronSettings model = NeuronSettings.NONE.withModel("lif").withLeak(0.9f).withThreshold(1f);
        NeuronSettings merged = model.overriddenBy(NeuronSettings.NONE.withThreshold(2f)).overriddenBy(NeuronSettings.NONE.withModel("if"));
        assertEquals(NeuronSettings.NONE.withModel("if").withLeak(0.9f).withThreshold(2f), merged);
        ModelSpec spec = ModelSpec.parse(FULL, "full.json");
        assertEquals(Map.of(), spec.withNeuronByLayer(Map.of()).neuronByLayer());
        assertTrue(!spec.withNeuronByLayer(Map.of()).toJson().contains("neuron_by_layer"));
        assertEquals("arctan", spec.withNeuron(NeuronSettings.NONE.withSurrogate("arctan")).neuron().surrogate());
        assertEquals(0.9f, spec.withNeuron(NeuronSettings.NONE.withSurrogate("arctan")).neuron().leak());
    }

    @Test
    void fieldErrorsAreFoundWhenTheSpecIsRead() {
        String bad = FULL.replace("\"p\": 0.25", "\"p\": 1.5");
        SpecException e = assertThrows(SpecException.class, () -> ModelSpec.parse(bad, "full.json"));
        assertEquals("full layers[4] (backres).body[2] (dropout): field 'p' must be in [0.0, 0.999], was 1.5", e.getMessage());
        String badNeuron = FULL.replace("\"threshold\": 0.87654", "\"threshold\": \"high\"");
        assertEquals("full neuron_by_layer.res1.out: field 'threshold' must be a finite number, was \"high\"",
                assertThrows(SpecException.class, () -> ModelSpec.parse(badNeuron, "full.json")).getMessage());
        String huge = FULL.replace("\"threshold\": 0.87654", "\"threshold\": 1e300");
        assertEquals("full neuron_by_layer.res1.out: field 'threshold' must be a finite number, was 1.0E300",
                assertThrows(SpecException.class, () -> ModelSpec.parse(huge, "full.json")).getMessage());
    }
}
