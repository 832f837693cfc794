package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.engine.Executor;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;
import org.snn4j.tensor.Workspace;

/** Steps that reuse a workspace's recycled (dirty) arrays compute exactly what fresh arrays compute. */
class WorkspaceReuseTest {
    /** A preset with batch norm and dropout at width 1/4, or {@code hybrid}: plain-vgg2 with two spiking layers and a membrane boundary. */
    private static ModelSpec spec(String name) {
        if (name.equals("hybrid")) return new Hybrid(Hybrid.Boundary.MEMBRANE, 0.9).firstSpiking(spec("plain-vgg2"), 2);
        return Presets.byName(name, new int[] {1, 12, 12}, 10, new Presets.Options(true, 0.2, 0.25));
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet8", "backres-vgg3", "hybrid"})
    void givesBitIdenticalOutputsAndGradientsOnRecycledArrays(String preset) {
        ModelSpec spec = spec(preset);
        Model model = ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 3);
        Workspace ws = new Workspace();
        for (int step = 0; step < 3; step++) {
            Tensor x = Tensor.zeros(1, 4, 1, 12, 12);
            new Rng(100 + step).fillUniform(x.data(), 0, 1);
            List<float[]> fresh = TrainingSteps.step(Executor.dense(model), model, x, step, null);
            List<float[]> reused = TrainingSteps.step(Executor.dense(model), model, x, step, ws);
            for (int i = 0; i < fresh.size(); i++) assertArrayEquals(fresh.get(i), reused.get(i), "step " + step + " tensor " + i);
            ws.recycle();
        }
        assertTrue(ws.bytesHeld() > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet8", "backres-vgg3", "hybrid"})
    void inferenceThatReleasesConsumedActivationsEarlyComputesWhatFreshArraysCompute(String preset) {
        ModelSpec spec = spec(preset);
        Model model = ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 3);
        Workspace ws = new Workspace();
        for (int step = 0; step < 3; step++) {
            Tensor x = Tensor.zeros(1, 4, 1, 12, 12);
            new Rng(200 + step).fillUniform(x.data(), 0, 1);
            float[] fresh = Executor.dense(model).forward(x, ForwardContext.evaluation().withSteps(5)).output().data().clone();
            float[] reused = Executor.dense(model).forward(x, ForwardContext.evaluation().withSteps(5).withWorkspace(ws)).output().data().clone();
            assertArrayEquals(fresh, reused, "step " + step);
            ws.recycle();
        }
        // Released arrays were handed out again within one pass: the pool holds fewer bytes than half the
        // sum of all activations of a pass (measured on the all-spiking nets: most of a hybrid runs on one step).
        if (preset.equals("hybrid")) return;
        Workspace fresh = new Workspace();
        Tensor x = Tensor.zeros(1, 4, 1, 12, 12);
        Executor.dense(model).forward(x, ForwardContext.evaluation().withSteps(5).withWorkspace(fresh));
        Workspace keeping = new Workspace();
        Executor.dense(model).forward(x, ForwardContext.training(new Rng(1)).withSteps(5).withWorkspace(keeping));
        assertTrue(fresh.bytesHeld() < keeping.bytesHeld() / 2, fresh.bytesHeld() + " vs " + keeping.bytesHeld());
    }
}
