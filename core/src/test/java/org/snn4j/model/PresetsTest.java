package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.engine.Executor;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class PresetsTest {
    @ParameterizedTest
    @ValueSource(strings = {"lenet", "lenet-pool-scaled", "vgg7", "vgg9", "vgg9-plan", "vgg11", "vgg16", "resnet7", "resnet9", "resnet11",
            "resnet11-plan", "resnet8", "resnet20", "w1", "shd-rsnn"})
    void everyPresetBuildsForDigitsAndColourImagesAndMapsToClassScores(String name) {
        for (int[] input : new int[][] {{1, 28, 28}, {3, 32, 32}}) {
            Model m = ModelBuilder.build(Presets.byName(name, input, 10, new Presets.Options(false, 0.1, 0.25)), ModelBuilder.Mode.SNN, 1);
            assertArrayEquals(new int[] {10}, m.network().outputShape(input), name);
            assertTrue(m.parameterCount() > 0);
        }
    }

    @Test
    void w1HasThePublishedLayersAndParameterCount() {
        Model m = ModelBuilder.build(Presets.byName("w1", new int[] {1, 28, 28}, 10, Presets.Options.defaults()), ModelBuilder.Mode.SNN, 1);
        // conv 1->32 3x3 (288), conv 32->64 3x3 (18432), linear 3136->10 (31360); bias-free
        assertEquals(288 + 18432 + 31360, m.parameterCount());
        Tensor x = Tensor.zeros(2, 3, 1, 28, 28);
        new Rng(3).fillUniform(x.data(), 0, 1);
        Tensor y = Executor.dense(m).forward(x, ForwardContext.evaluation()).output();
        assertArrayEquals(new int[] {1, 3, 10}, y.shape());
    }

    @Test
    void eventPresetsHaveTheirLayersAndMapFramesToClassScores() {
        Model n = ModelBuilder.build(Presets.byName("nmnist", new int[] {2, 34, 34}, 10, Presets.Options.defaults()), ModelBuilder.Mode.SNN, 1);
        // conv 2->16 3x3 (288), conv 16->32 3x3 (4608), max-pooled twice to 8x8, linear 2048->10 (20480)
        assertEquals(288 + 4608 + 20480, n.parameterCount());
        assertArrayEquals(new int[] {10}, n.network().outputShape(new int[] {2, 34, 34}));
        ModelSpec g = Presets.byName("dvs-gesture", new int[] {2, 128, 128}, 11, Presets.Options.defaults());
        long convs = g.layers().stream().filter(l -> l instanceof LayerSpec.Conv c && c.out() == 128).count();
        long pools = g.layers().stream().filter(l -> l instanceof LayerSpec.MaxPool).count();
        long norms = g.layers().stream().filter(l -> l instanceof LayerSpec.BatchNorm).count();
        assertEquals(List.of(5L, 5L, 5L), List.of(convs, pools, norms));
        Model small = ModelBuilder.build(Presets.byName("dvs-gesture", new int[] {2, 128, 128}, 11, new Presets.Options(false, 0, 0.125)),
                ModelBuilder.Mode.SNN, 1);
        assertArrayEquals(new int[] {11}, small.network().outputShape(new int[] {2, 128, 128}));  // 128 / 2^5 = 4: 16·4·4 into FC 512
    }

    @Test
    void cifarResNetFamilyFollowsDepthAndRejectsOthers() {
        Model r110 = ModelBuilder.build(Presets.byName("resnet110", new int[] {1, 28, 28}, 10, new Presets.Options(true, 0, 0.5)),
                ModelBuilder.Mode.ANN, 1);
        long convs = r110.layers().stream().filter(l -> l instanceof org.snn4j.nn.Conv2d).count();
        // 1 stem + 2 per block * 54 blocks + 2 projection shortcuts = 111 convs, + 1 FC = 110 weighted layers on the main path
        assertEquals(1 + 108 + 2, convs);
        SpecException e = assertThrows(SpecException.class, () -> Presets.byName("resnet21", new int[] {1, 28, 28}, 10, Presets.Options.defaults()));
        assertTrue(e.getMessage().contains("unknown model 'resnet21'") && e.getMessage().contains("lenet"), e.getMessage());
    }

    @Test
    void annTwinSharesParameterNamesAndShapes() {
        ModelSpec s = Presets.byName("resnet11", new int[] {3, 32, 32}, 10, Presets.Options.defaults());
        Model snn = ModelBuilder.build(s, ModelBuilder.Mode.SNN, 5);
        Model ann = ModelBuilder.build(s, ModelBuilder.Mode.ANN, 5);
        assertEquals(snn.parameterTensors().keySet(), ann.parameterTensors().keySet());
        snn.parameterTensors().forEach((k, v) -> assertArrayEquals(v.data(), ann.parameterTensors().get(k).data(), k));
    }
}
