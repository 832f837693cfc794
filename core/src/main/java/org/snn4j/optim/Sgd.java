package org.snn4j.optim;

import java.util.List;
import org.snn4j.Snn4jException;
import org.snn4j.nn.Parameter;

/**
 * Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay, as PyTorch's
 * {@code torch.optim.SGD} with zero dampening. Per element, in float32:
 * <pre>
 *   d   = g + wd·w            (wd only for parameters with {@link Parameter#decayed()})
 *   buf = μ·buf + d           (buf starts at 0, so the first step sets buf = d, as PyTorch does)
 *   d   = nesterov ? d + μ·buf : buf      (when μ &gt; 0)
 *   w   = w − lr·d
 * </pre>
 * State: {@code step} and, when μ &gt; 0, {@code momentum_buffer/<name>}. Lee et al. train with plain SGD
 * (μ = 0) and wd = 5e-4.
 */
public final class Sgd extends StatefulOptimizer {
    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;

    /**
     * @param parameters  the parameters to update (their names must be distinct)
     * @param momentum    μ in [0, 1)
     * @param nesterov    Nesterov momentum (requires μ &gt; 0)
     * @param weightDecay wd ≥ 0, the L2 coefficient added to the gradient
     * @throws Snn4jException for out-of-range hyperparameters
     */
    public Sgd(List<Parameter> parameters, double momentum, boolean nesterov, double weightDecay) {
        super(parameters, momentum > 0 ? new String[] {"momentum_buffer"} : new String[0]);
        checkUnit("sgd", "momentum", momentum);
        checkDecay("sgd", weightDecay);
        if (nesterov && momentum == 0) throw new Snn4jException("sgd: Nesterov momentum needs a momentum > 0");
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
        this.weightDecay = (float) weightDecay;
    }

    /** Plain SGD: no momentum, no weight decay. */
    public Sgd(List<Parameter> parameters) {
        this(parameters, 0, false, 0);
    }

    @Override
    String kind() {
        return nesterov ? "sgd (nesterov)" : "sgd";
    }

    @Override
    void update(int p, float[] w, float[] g, boolean decayed, double learningRate) {
        float lr = (float) learningRate;
        float wd = decayed ? weightDecay : 0f;
        if (momentum == 0) {
            for (int i = 0; i < w.length; i++) w[i] -= lr * (g[i] + wd * w[i]);
            return;
        }
        float[] buf = slots[0][p];
        float mu = momentum;
        for (int i = 0; i < w.length; i++) {
            float d = g[i] + wd * w[i];
            float b = mu * buf[i] + d;
            buf[i] = b;
            w[i] -= lr * (nesterov ? d + mu * b : b);
        }
    }

    @Override
    public String toString() {
        return "sgd(momentum " + momentum + (nesterov ? ", nesterov" : "") + ", weight decay " + weightDecay + ")";
    }
}
