package org.snn4j.optim;

import java.util.List;
import org.snn4j.nn.Parameter;
import org.snn4j.tensor.Tensor;

/**
 * A weight (decayed) and a bias (not decayed), both starting at [1, −2], and the three gradients the
 * reference values were computed with (PyTorch's update formulas evaluated in double by hand).
 */
final class OptimizerFixture {
    static final float[][] GRADS = {{0.5f, -0.2f}, {-0.3f, 0.4f}, {0.25f, 0.1f}};

    final Parameter weight = new Parameter("w", new Tensor(new float[] {1, -2}, 2), true);
    final Parameter bias = new Parameter("b", new Tensor(new float[] {1, -2}, 2), false);

    List<Parameter> params() {
        return List.of(weight, bias);
    }

    /** Sets both gradients to step {@code k}'s and steps. */
    void step(Optimizer opt, int k, double lr) {
        System.arraycopy(GRADS[k], 0, weight.grad().data(), 0, 2);
        System.arraycopy(GRADS[k], 0, bias.grad().data(), 0, 2);
        opt.step(lr);
        weight.zeroGrad();
        bias.zeroGrad();
    }
}
