package org.snn4j.plot;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.snn4j.engine.Executor;
import org.snn4j.model.Model;
import org.snn4j.nn.ActivationObserver;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Tensor;

/**
 * The spikes of one sample through every spiking layer of a model, neurons × time: of each layer,
 * {@code neuronsPerLayer} neurons evenly spaced over the layer (all of a smaller layer), from a real
 * inference pass of the model on the sample held as direct input for T steps.
 *
 * @param layers the spiking layers in the order they ran
 * @param steps  T
 */
public record SpikeRaster(List<Layer> layers, int steps) {
    /**
     * One spiking layer's part of the raster.
     *
     * @param name    the layer
     * @param neurons the layer's neurons per sample
     * @param shown   the neurons shown (evenly spaced), row r being neuron {@code r · neurons / shown}
     * @param spikes  bit {@code r · T + t} set when shown neuron r spiked at step t (0-based)
     */
    public record Layer(String name, int neurons, int shown, BitSet spikes) {
        /** Whether shown neuron {@code row} spiked at step {@code step}. */
        public boolean spiked(int row, int step, int steps) {
            return spikes.get(row * steps + step);
        }
    }

    /**
     * Runs {@code snn} on {@code image} for {@code steps} steps and records the spikes.
     *
     * @param image {@code [C, H, W]}
     */
    public static SpikeRaster of(Model snn, Tensor image, int steps, int neuronsPerLayer) {
        List<Layer> layers = new ArrayList<>();
        Set<String> spiking = snn.neuronLayers().keySet();
        ForwardContext ctx = ForwardContext.evaluation().withSteps(steps).with((ActivationObserver) (layer, in, out) -> {
            if (!spiking.contains(layer)) return;
            int t = out.dim(0), n = out.size() / t, shown = Math.min(n, neuronsPerLayer);
            BitSet bits = new BitSet(shown * steps);
            for (int step = 0; step < Math.min(t, steps); step++) {
                for (int r = 0; r < shown; r++) {
                    if (out.data()[step * n + (int) ((long) r * n / shown)] != 0) bits.set(r * steps + step);
                }
            }
            layers.add(new Layer(layer, n, shown, bits));
        });
        Executor.dense(snn).forward(image.reshape(Tensor.concat(new int[] {1, 1}, image.shape())), ctx);
        return new SpikeRaster(List.copyOf(layers), steps);
    }

    /** Spikes shown in {@code layer}'s rows. */
    public static int count(Layer layer) {
        return layer.spikes().cardinality();
    }
}
