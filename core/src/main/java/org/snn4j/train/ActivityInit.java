package org.snn4j.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snn4j.engine.Executor;
import org.snn4j.model.Model;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Linear;
import org.snn4j.nn.Parameter;
import org.snn4j.nn.SpikeListener;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * A data-driven, activity-preserving initialisation (in the spirit of LSUV, Mishkin and Matas 2016, with
 * firing rates in place of variances): spiking layer by spiking layer, in the order the network runs them,
 * the weights of the conv and linear layers that feed it (those since the previous spiking layer, e.g. a
 * residual block's second conv and its shortcut) are scaled until the layer's rate on a calibration batch
 * lies in [{@code low}, {@code high}] spikes per neuron per step. Thresholds and biases stay as they are.
 * A deep preset initialised for ANNs (He) falls silent a few layers in at small T; this keeps every layer
 * firing, so surrogate gradients reach every layer from the first step.
 */
public final class ActivityInit {
    /** Rounds of scaling per layer before giving up on it. */
    static final int MAX_ROUNDS = 24;

    private ActivityInit() {}

    /**
     * Scales {@code model}'s weights in place.
     *
     * @param batch direct input {@code [N, ...sample shape]}, held over {@code steps}
     * @param low   lowest acceptable rate, &gt; 0
     * @param high  highest acceptable rate, &gt; low and &lt; 1
     * @return each spiking layer's rate after the scaling, in running order
     * @throws IllegalArgumentException for a bad range or a model without spiking layers
     */
    public static Map<String, Double> apply(Model model, Tensor batch, int steps, double low, double high) {
        if (!(low > 0 && high > low && high < 1)) throw new IllegalArgumentException("rates must satisfy 0 < low < high < 1");
        Map<String, List<Tensor>> feeding = feedingWeights(model);
        if (feeding.isEmpty()) throw new IllegalArgumentException("model " + model.spec().name() + " has no spiking layer");
        Map<String, Double> rates = rates(model, batch, steps);
        for (var e : feeding.entrySet()) {
            String layer = e.getKey();
            for (int round = 0; round < MAX_ROUNDS && !e.getValue().isEmpty(); round++) {
                double r = rates.getOrDefault(layer, 0.0);
                if (r >= low && r <= high) break;
                double target = Math.sqrt(low * high);
                double factor = r == 0 ? 2 : Math.max(0.5, Math.min(2, target / r));
                for (Tensor w : e.getValue()) {
                    float[] d = w.data();
                    for (int i = 0; i < d.length; i++) d[i] *= (float) factor;
                }
                rates = rates(model, batch, steps);
            }
        }
        return rates;
    }

    /**
     * Each spiking layer's rate on {@code batch}, spikes per neuron per step, as a training step sees it:
     * a training pass without backward (batch norms on the batch's statistics, their running
     * statistics left as they were; dropout masks from a fixed seed).
     */
    public static Map<String, Double> rates(Model model, Tensor batch, int steps) {
        Map<String, Double> rates = new HashMap<>();
        SpikeListener listener = (layer, spikes, neurons, t, samples) ->
                rates.merge(layer, (double) spikes / ((double) neurons * t * samples), Double::sum);
        int[] shape = new int[batch.rank() + 1];
        shape[0] = 1;
        System.arraycopy(batch.shape(), 0, shape, 1, batch.rank());
        Map<String, float[]> running = new HashMap<>();
        model.bufferTensors().forEach((name, t) -> running.put(name, t.data().clone()));
        try {
            Executor.dense(model).forward(batch.reshape(shape), new ForwardContext(true, false, new Rng(0)).withSteps(steps).with(listener));
        } finally {
            model.bufferTensors().forEach((name, t) -> System.arraycopy(running.get(name), 0, t.data(), 0, t.size()));
        }
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (String name : model.neuronLayers().keySet()) ordered.put(name, rates.getOrDefault(name, 0.0));
        return ordered;
    }

    /** For each spiking layer, the weight tensors of the conv and linear layers run since the previous one. */
    static Map<String, List<Tensor>> feedingWeights(Model model) {
        Map<String, List<Tensor>> out = new LinkedHashMap<>();
        Set<String> spiking = model.neuronLayers().keySet();
        List<Tensor> pending = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (l instanceof Conv2d || l instanceof Linear) {
                for (Parameter p : l.parameters()) if (p.name().endsWith("weight")) pending.add(p.value());
            } else if (spiking.contains(l.name())) {
                out.put(l.name(), List.copyOf(pending));
                pending.clear();
            }
        }
        return out;
    }
}
