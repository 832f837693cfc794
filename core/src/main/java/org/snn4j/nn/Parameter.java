package org.snn4j.nn;

import java.util.Arrays;
import org.snn4j.tensor.Tensor;

/**
 * A trainable tensor and its gradient. Backward passes add into {@link #grad()} (they accumulate);
 * optimizers read it and {@link #zeroGrad()} clears it.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;
    private final boolean decayed;

    /**
     * @param name    unique within its model, e.g. {@code conv1.weight}
     * @param value   the initial value (kept, not copied)
     * @param decayed whether weight decay applies (weights yes; biases, BN affine, thresholds no)
     */
    public Parameter(String name, Tensor value, boolean decayed) {
        this.name = name;
        this.value = value;
        this.grad = Tensor.zeros(value.shape());
        this.decayed = decayed;
    }

    public String name() {
        return name;
    }

    public Tensor value() {
        return value;
    }

    public Tensor grad() {
        return grad;
    }

    /** Whether weight decay applies to this parameter. */
    public boolean decayed() {
        return decayed;
    }

    public void zeroGrad() {
        Arrays.fill(grad.data(), 0f);
    }

    @Override
    public String toString() {
        return name + value.shapeString();
    }
}
