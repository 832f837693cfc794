package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.engine.Executor;
import org.snn4j.loss.Loss;
import org.snn4j.loss.SoftmaxCrossEntropy;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.Presets;
import org.snn4j.nn.BatchNorm;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Parameter;
import org.snn4j.nn.Pass;
import org.snn4j.optim.Adam;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * With tdBN (Zheng et al. 2021) every VGG and ResNet preset, on 3×32×32 input at T = 4, fires in every spiking
 * layer at initialisation, passes a gradient to every weighted layer and lowers its loss in a few steps, on
 * synthetic data: each of 10 classes a random
 * prototype image, each sample its class's prototype plus noise.
 */
class TdbnPresetsTest {
    private static final int[] CIFAR = {3, 32, 32};
    private static final int T = 4, CLASSES = 10, BATCH = 20;
    /** The lowest rate, spikes per neuron per step, a spiking layer may have at initialisation. */
    private static final double MIN_RATE = 0.01;

    private static Model build(String name, Presets.Norm norm, double width) {
        return ModelBuilder.build(Presets.byName(name, CIFAR, CLASSES, new Presets.Options(norm, 0, width)), ModelBuilder.Mode.SNN, 1);
    }

    /** {@code [BATCH, 3, 32, 32]}: sample i of class i % 10, its prototype (uniform in [0, 1]) plus uniform noise of ±0.25. */
    private static Tensor images() {
        Rng rng = new Rng(21);
        int size = 3 * 32 * 32;
        float[] prototypes = new float[CLASSES * size];
        rng.fillUniform(prototypes, 0, 1);
        Tensor x = Tensor.zeros(BATCH, 3, 32, 32);
        float[] d = x.data();
        for (int i = 0; i < BATCH; i++) {
            for (int j = 0; j < size; j++) d[i * size + j] = prototypes[(i % CLASSES) * size + j] + (rng.nextFloat() - 0.5f) / 2;
        }
        return x;
    }

    private static int[] labels() {
        int[] y = new int[BATCH];
        for (int i = 0; i < BATCH; i++) y[i] = i % CLASSES;
        return y;
    }

    @ParameterizedTest
    @ValueSource(strings = {"vgg7", "vgg9", "vgg9-plan", "vgg11", "vgg16", "resnet7", "resnet9", "resnet11", "resnet11-plan", "resnet8",
            "resnet20"})
    void everyLayerFiresAtInitialisationAndTheLossFalls(String name) {
        Model m = build(name, trainingNorm(name), 0.25);
        assertTrue(m.layers().stream().anyMatch(l -> l instanceof BatchNorm), name + " has tdBN layers");
        Tensor x = images();
        Map<String, Double> rates = ActivityInit.rates(m, x, T);
        for (var e : rates.entrySet()) {
            assertTrue(e.getValue() >= MIN_RATE, name + " " + e.getKey() + " fires " + e.getValue() + " < " + MIN_RATE + ": " + rates);
        }
        // a few Adam steps on the batch: the loss falls
        Tensor input = x.reshape(1, BATCH, 3, 32, 32);
        Loss loss = new SoftmaxCrossEntropy();
        Adam adam = new Adam(m.parameters(), 0);
        Rng rng = new Rng(5);
        double first = Double.NaN, last = Double.NaN;
        for (int step = 0; step < 6; step++) {
            Pass pass = Executor.dense(m).forward(input, ForwardContext.training(rng).withSteps(T));
            Loss.Result r = loss.evaluate(pass.output(), labels(), rng);
            m.parameters().forEach(p -> p.zeroGrad());
            pass.backward(r.gradient(), false);
            if (step == 0) {  // the surrogate gradient reaches every weighted layer, the first included
                for (Parameter p : m.parameters()) {
                    if (!p.name().matches(".*(conv|fc)\\d+\\.weight")) continue;
                    double norm = 0;
                    for (float g : p.grad().data()) norm += g * g;
                    assertTrue(norm > 0, name + ": no gradient reaches " + p.name());
                }
            }
            adam.step(1e-3);
            if (step == 0) first = r.value();
            last = r.value();
        }
        assertTrue(last < first, name + ": loss " + first + " -> " + last + " in 6 steps");
    }

    /**
     * The normalisation {@code train --model NAME} builds: its recipe's for the presets whose recipe names tdBN,
     * else tdBN as {@code --norm tdbn} asks for (vgg7, Lee's presets and the shallower ResNets train without
     * normalisation by default).
     */
    private static Presets.Norm trainingNorm(String name) {
        String recipe = Presets.recipe(name).settings().get("norm");
        return recipe != null ? Presets.Norm.byLabel(recipe) : Presets.Norm.TDBN;
    }

    @ParameterizedTest
    @ValueSource(strings = {"vgg9-plan", "vgg11", "vgg16", "resnet14", "resnet20", "resnet110"})
    void theDeepPresetsRecipesNameTdbn(String name) {
        assertEquals("tdbn", Presets.recipe(name).settings().get("norm"), name);
    }

    @Test
    void vgg11FallsSilentWithoutTdbnAndNotWithIt() {
        Tensor x = images();
        Map<String, Double> plain = ActivityInit.rates(build("vgg11", Presets.Norm.NONE, 0.5), x, T);
        assertTrue(plain.values().stream().anyMatch(r -> r == 0), "a layer silent without normalisation: " + plain);
        Map<String, Double> tdbn = ActivityInit.rates(build("vgg11", Presets.Norm.TDBN, 0.5), x, T);
        assertTrue(tdbn.values().stream().allMatch(r -> r >= MIN_RATE), tdbn.toString());
    }
}
