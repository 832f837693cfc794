package org.snn4j.optim;

import java.util.List;
import java.util.Locale;
import org.snn4j.Snn4jException;
import org.snn4j.nn.Parameter;

/** The optimizers a training run can take, made for a model's parameters by {@link #create}. */
public enum OptimizerKind {
    /** {@link Sgd} with momentum, no Nesterov. */
    SGD,
    /** {@link Adam}: β1 = 0.9, β2 = 0.999, ε = 1e-8, L2 weight decay. */
    ADAM,
    /** {@link AdamW}: Adam with decoupled weight decay. */
    ADAMW;

    /** The CLI name: {@code sgd}, {@code adam} or {@code adamw}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label {@code sgd}, {@code adam} or {@code adamw}; case-insensitive, surrounding blanks ignored
     * @throws Snn4jException for an unknown name, listing the valid ones
     */
    public static OptimizerKind byLabel(String label) {
        String key = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
        for (OptimizerKind k : values()) {
            if (k.label().equals(key)) return k;
        }
        throw new Snn4jException("unknown optimizer '" + label + "'; expected one of: " + Optimizers.NAMES);
    }

    /**
     * @param parameters  the parameters to update
     * @param weightDecay wd ≥ 0 (L2 for sgd and adam, decoupled for adamw)
     * @param momentum    μ for sgd; ignored by adam and adamw, whose β1 = 0.9 plays that role
     * @return a new optimizer with empty state, as {@link Optimizers#create} makes it
     */
    public Optimizer create(List<Parameter> parameters, double weightDecay, double momentum) {
        return Optimizers.create(label(), parameters, weightDecay, momentum);
    }
}
