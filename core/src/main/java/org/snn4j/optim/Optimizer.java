package org.snn4j.optim;

import java.util.List;
import java.util.Map;
import org.snn4j.nn.Parameter;
import org.snn4j.tensor.Tensor;

/**
 * Updates a fixed list of parameters from their accumulated gradients. The caller clears the
 * gradients after {@link #step}. State (momenta, moments, step count) can be saved and restored so
 * that a resumed run continues exactly.
 */
public interface Optimizer {
    /** The parameters this optimizer updates, in a fixed order. */
    List<Parameter> parameters();

    /** Applies one update with the given learning rate; reads each {@link Parameter#grad()}, writes values. */
    void step(double learningRate);

    /** Optimizer state as named tensors (copies), for checkpoints. */
    Map<String, Tensor> state();

    /** Restores a state produced by {@link #state()} of an optimizer of the same kind and parameters. */
    void loadState(Map<String, Tensor> state);
}
