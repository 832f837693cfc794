package org.snn4j.plot;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Executor;
import org.snn4j.model.Model;
import org.snn4j.nn.ActivationObserver;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.LayerState;
import org.snn4j.tensor.Tensor;

/**
 * The membrane potentials of a few neurons of one spiking layer over the T steps of one sample, read from a real
 * inference of the model: the sample is run one step at a time with a {@link LayerState} attached, the store the
 * spiking layers continue their membranes from (as a streaming {@code engine.Session} runs them), so after step t
 * the store holds every neuron's V[t], the potential after the step's charge, fire and reset. The spikes are
 * those of the same steps; fed one step at a time the network computes what one whole pass computes.
 *
 * @param layer     the spiking layer
 * @param threshold its firing threshold θ (in the units of the membrane; a converted layer with per-channel
 *                  settings integrates a normalised current, so θ holds for all its channels)
 * @param neurons   the neurons traced, indices within one sample's neurons of the layer
 * @param potential {@code potential[k][t]}: V of neuron {@code neurons[k]} after step t + 1
 * @param spiked    {@code spiked[k][t]}: whether neuron {@code neurons[k]} spiked at step t + 1
 */
public record MembraneTraces(String layer, double threshold, int[] neurons, float[][] potential, boolean[][] spiked) {
    /** Steps traced (T). */
    public int steps() {
        return potential.length == 0 ? 0 : potential[0].length;
    }

    /** Spikes of traced neuron {@code k} over the steps. */
    public int spikes(int k) {
        int n = 0;
        for (boolean s : spiked[k]) if (s) n++;
        return n;
    }

    /**
     * The traces of up to {@code count} neurons of the raster's last layer that shows a spike (its last layer when
     * none does), evenly spaced over the rows the raster shows; null when the raster has no layer.
     *
     * @param image       {@code [C, H, W]}, held as direct input for the raster's steps
     * @param thresholdOf a spiking layer's threshold θ, by name (e.g. from its {@code NeuronLayer.spec()}; this
     *                    package does not read neuron layers)
     */
    public static MembraneTraces of(Model snn, Tensor image, SpikeRaster raster, int count, ToDoubleFunction<String> thresholdOf) {
        List<SpikeRaster.Layer> layers = raster.layers();
        if (layers.isEmpty()) return null;
        SpikeRaster.Layer chosen = layers.getLast();
        for (SpikeRaster.Layer l : layers) if (SpikeRaster.count(l) > 0) chosen = l;
        int shown = Math.min(count, chosen.shown());
        int[] neurons = new int[shown];
        for (int k = 0; k < shown; k++) neurons[k] = chosen.indices()[(int) ((long) k * chosen.shown() / shown)];
        return of(snn, image, raster.steps(), chosen.name(), neurons, thresholdOf.applyAsDouble(chosen.name()));
    }

    /**
     * Runs {@code snn} on {@code image} held for {@code steps} steps, one step per pass, and keeps the membranes
     * and spikes of {@code neurons} of the spiking layer {@code layer}.
     *
     * @param image     {@code [C, H, W]}
     * @param threshold the layer's threshold θ, as drawn
     * @throws IllegalArgumentException when {@code layer} is not one of the model's spiking layers
     */
    public static MembraneTraces of(Model snn, Tensor image, int steps, String layer, int[] neurons, double threshold) {
        if (!snn.neuronLayers().containsKey(layer)) throw new IllegalArgumentException(layer + " is not a spiking layer of " + snn.spec().name());
        float[][] potential = new float[neurons.length][steps];
        boolean[][] spiked = new boolean[neurons.length][steps];
        Store store = new Store(steps);
        Executor executor = new Executor(snn, EngineMode.DENSE);
        Tensor step = image.reshape(Tensor.concat(new int[] {1, 1}, image.shape()));
        for (int t = 0; t < steps; t++) {
            int now = t;
            ActivationObserver spikes = (name, in, out) -> {
                if (!name.equals(layer)) return;
                for (int k = 0; k < neurons.length; k++) spiked[k][now] = out.data()[neurons[k]] != 0;
            };
            executor.infer(step, ForwardContext.evaluation().withSteps(1).with(store).with(spikes));
            float[] v = store.values.get(layer);
            for (int k = 0; k < neurons.length; k++) potential[k][t] = v[neurons[k]];
        }
        return new MembraneTraces(layer, threshold, neurons.clone(), potential, spiked);
    }

    /** One stream's state between the one-step passes: the layers' arrays by key, kept as handed out. */
    private static final class Store implements LayerState {
        private final Map<String, float[]> values = new HashMap<>();
        private final int horizon;

        Store(int horizon) {
            this.horizon = horizon;
        }

        @Override
        public float[] state(String key, int streams, float[] initial) {
            if (streams != 1) throw new IllegalStateException(key + ": one stream traced, a pass of " + streams);
            return values.computeIfAbsent(key, k -> Arrays.copyOf(initial, initial.length));
        }

        @Override
        public int horizon() {
            return horizon;
        }
    }
}
