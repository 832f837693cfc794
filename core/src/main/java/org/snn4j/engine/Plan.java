package org.snn4j.engine;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.kernels.EventKernels;
import org.snn4j.model.Model;
import org.snn4j.nn.Composite;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Linear;
import org.snn4j.nn.Sequential;
import org.snn4j.nn.WeightedLayer;

/**
 * What an {@link Executor} runs for each layer of a model, decided once when the model is compiled: a
 * layer's own forward, a composite whose children run by this plan, or, in the event modes, a weighted
 * layer that may run by events (its weights copied into the channel-last layout the event kernels read),
 * and in every chain the blocks that may run fused (a convolution, its spiking layer and a pooling layer).
 * What is decided per batch (events or dense by the input's density, whether a pass is plain enough to
 * fuse) is the executor's. A layer shared by several chains (the weighted layers of a backward residual
 * block) has one step; fusion is planned per chain.
 */
final class Plan {
    /** How one layer runs. */
    sealed interface Step permits Own, Children, Synapses {}

    /** The layer's own forward (neurons, pooling, batch norm, readouts; weighted layers in a dense plan). */
    record Own(Layer layer) implements Step {}

    /** A composite whose children run by the plan. */
    record Children(Composite composite) implements Step {}

    /** A weighted layer that runs by events or densely, batch by batch; {@code channelLast}: its weights for the event kernels. */
    record Synapses(WeightedLayer layer, float[] channelLast) implements Step {
        /** Copies the layer's current weights into {@link #channelLast} (after they changed: training). */
        void refresh() {
            float[] w = layer.weight().value().data();
            switch (layer) {
                case Conv2d c -> EventKernels.transpose(c.outChannels(), c.inChannels() * c.kernel() * c.kernel(), w, channelLast);
                case Linear f -> EventKernels.transpose(f.outFeatures(), f.inFeatures(), w, channelLast);
                default -> throw new IllegalArgumentException(layer.name() + ": no event kernel for " + layer.getClass().getSimpleName());
            }
        }
    }

    private final Map<Layer, Step> steps = new IdentityHashMap<>();
    private final Map<List<Layer>, FusedBlock[]> blocks = new IdentityHashMap<>();

    private Plan() {}

    /** The plan of {@code model} in {@code mode}: the event modes copy every conv and linear weight now. */
    static Plan compile(Model model, EngineMode mode) {
        Plan plan = new Plan();
        plan.add(model.network(), mode);
        return plan;
    }

    private void add(Layer layer, EngineMode mode) {
        if (steps.containsKey(layer)) return;
        if (layer instanceof Composite c) {
            steps.put(layer, new Children(c));
            if (mode != EngineMode.DENSE && c instanceof Sequential s) blocks.put(s.children(), fusable(s.children()));
            for (Layer child : c.children()) add(child, mode);
        } else if (mode != EngineMode.DENSE && layer instanceof WeightedLayer w) {
            steps.put(layer, new Synapses(w, channelLast(w)));
        } else {
            steps.put(layer, new Own(layer));
        }
    }

    private static FusedBlock[] fusable(List<Layer> chain) {
        FusedBlock[] at = new FusedBlock[chain.size()];
        for (int i = 0; i < at.length; i++) at[i] = FusedBlock.at(chain, i);
        return at;
    }

    private static float[] channelLast(WeightedLayer layer) {
        float[] w = layer.weight().value().data();
        return switch (layer) {
            case Conv2d c -> EventKernels.transposed(c.outChannels(), c.inChannels() * c.kernel() * c.kernel(), w);
            case Linear f -> EventKernels.transposed(f.outFeatures(), f.inFeatures(), w);
            default -> throw new IllegalArgumentException(layer.name() + ": no event kernel for " + layer.getClass().getSimpleName());
        };
    }

    /**
     * Plans fusion for {@code chain}, a chain of the compiled model's layers that is not one of its
     * composites (the executor's network after its first layer, see {@link Executor#inferEvents}).
     */
    void addChain(Sequential chain, EngineMode mode) {
        for (Layer child : chain.children()) step(child);  // every layer already compiled
        if (mode != EngineMode.DENSE) blocks.put(chain.children(), fusable(chain.children()));
    }

    /** The step of {@code layer}, a layer of the compiled model. */
    Step step(Layer layer) {
        Step s = steps.get(layer);
        if (s == null) throw new IllegalArgumentException(layer.name() + " is not a layer of the compiled model");
        return s;
    }

    /** The block that may run fused from {@code chain[at]} on, or null. */
    FusedBlock block(List<Layer> chain, int at) {
        FusedBlock[] b = blocks.get(chain);
        return b == null ? null : b[at];
    }
}
