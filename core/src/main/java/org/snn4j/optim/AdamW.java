package org.snn4j.optim;

import java.util.List;
import org.snn4j.nn.Parameter;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter), as PyTorch's {@code torch.optim.AdamW}:
 * first w ← w·(1 − lr·wd) for parameters with {@link Parameter#decayed()}, then the {@link Adam} update
 * with the raw gradient (no L2 term). State keys as Adam's.
 */
public final class AdamW extends Adam {
    /**
     * @param parameters  the parameters to update (their names must be distinct)
     * @param beta1       β1 in [0, 1), e.g. 0.9
     * @param beta2       β2 in [0, 1), e.g. 0.999
     * @param eps         ε &gt; 0, e.g. 1e-8
     * @param weightDecay wd ≥ 0 (PyTorch's default is 1e-2)
     * @throws org.snn4j.Snn4jException for out-of-range hyperparameters
     */
    public AdamW(List<Parameter> parameters, double beta1, double beta2, double eps, double weightDecay) {
        super(parameters, beta1, beta2, eps, weightDecay, true);
    }

    /** AdamW with β1 = 0.9, β2 = 0.999, ε = 1e-8 and the given weight decay. */
    public AdamW(List<Parameter> parameters, double weightDecay) {
        this(parameters, 0.9, 0.999, 1e-8, weightDecay);
    }
}
