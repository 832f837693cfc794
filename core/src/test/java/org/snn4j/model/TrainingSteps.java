package org.snn4j.model;

import java.util.ArrayList;
import java.util.List;
import org.snn4j.engine.Executor;
import org.snn4j.nn.Pass;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Parameter;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;
import org.snn4j.tensor.Workspace;

/** One seeded training step (T = 4) of tests that compare two ways of running the same model. */
final class TrainingSteps {
    private TrainingSteps() {}

    /**
     * Output and every parameter gradient of one forward and backward pass through {@code executor}, copied out:
     * randomness seeded by {@code step}, an output gradient drawn uniformly from [-1, 1], on {@code ws} (null: none).
     */
    static List<float[]> step(Executor executor, Model model, Tensor x, int step, Workspace ws) {
        ForwardContext ctx = ForwardContext.training(new Rng(7 + step)).withSteps(4).withWorkspace(ws);
        Pass pass = executor.forward(x, ctx);
        for (Parameter p : model.parameters()) p.zeroGrad();
        Tensor grad = Tensor.zeros(pass.output().shape());
        new Rng(11 + step).fillUniform(grad.data(), -1, 1);
        pass.backward(grad, true);
        List<float[]> out = new ArrayList<>();
        out.add(pass.output().data().clone());
        for (Parameter p : model.parameters()) out.add(p.grad().data().clone());
        return out;
    }
}
