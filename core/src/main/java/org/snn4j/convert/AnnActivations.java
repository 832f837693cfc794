package org.snn4j.convert;

import java.util.HashMap;
import java.util.Map;
import org.snn4j.engine.Executor;
import org.snn4j.model.Model;
import org.snn4j.nn.ActivationObserver;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Tensor;

/** The ReLU outputs of an ANN for one batch of images, by layer name (copies, shaped [1, N, ...]). */
final class AnnActivations {
    private AnnActivations() {}

    /** Runs {@code ann} in evaluation mode on {@code images} ({@code [N, C, H, W]}). */
    static Map<String, float[]> of(Model ann, Tensor images) {
        Map<String, float[]> out = new HashMap<>();
        ForwardContext ctx = ForwardContext.evaluation().with((ActivationObserver) (layer, in, y) -> out.put(layer, y.data().clone()));
        Executor.dense(ann).forward(held(images), ctx);
        return out;
    }

    /** {@code [N, C, H, W]} as a one-step sequence {@code [1, N, C, H, W]} (direct input). */
    static Tensor held(Tensor images) {
        return images.reshape(Tensor.concat(new int[] {1}, images.shape()));
    }
}
