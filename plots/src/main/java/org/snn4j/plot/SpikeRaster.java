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
 * {@code neuronsPerLayer} neurons chosen by a {@link Selection} (all of a smaller layer), from a real
 * inference pass of the model on the sample held as direct input for T steps.
 *
 * @param layers the spiking layers in the order they ran
 * @param steps  T
 */
public record SpikeRaster(List<Layer> layers, int steps) {
    /** Which neurons of a layer larger than the raster's rows are shown. */
    public enum Selection {
        /** Neurons evenly spaced over the layer: row r is neuron {@code r · neurons / shown}. */
        EVENLY_SPACED,
        /**
         * Neurons evenly spaced over those that spiked at least once for this sample (all of them when fewer): the
         * activity is where a reader looks, and the spacing shows busy and sparse neurons alike.
         */
        ACTIVE
    }

    /**
     * One spiking layer's part of the raster.
     *
     * @param name    the layer
     * @param neurons the layer's neurons per sample
     * @param indices the neuron shown in each row, ascending
     * @param spikes  bit {@code r · T + t} set when the neuron of row r spiked at step t (0-based)
     * @param total   spikes of the whole layer for the sample (shown or not)
     */
    public record Layer(String name, int neurons, int[] indices, BitSet spikes, long total) {
        /** Spikes per neuron per step of the whole layer for the sample. */
        public double rate(int steps) {
            return neurons == 0 || steps == 0 ? 0 : (double) total / ((long) neurons * steps);
        }

        /** The rows: neurons shown. */
        public int shown() {
            return indices.length;
        }

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
    public static SpikeRaster of(Model snn, Tensor image, int steps, int neuronsPerLayer, Selection selection) {
        List<Layer> layers = new ArrayList<>();
        Set<String> spiking = snn.neuronLayers().keySet();
        ForwardContext ctx = ForwardContext.evaluation().withSteps(steps).with((ActivationObserver) (layer, in, out) -> {
            if (!spiking.contains(layer)) return;
            int t = Math.min(out.dim(0), steps), n = out.size() / out.dim(0);
            int[] rows = selection == Selection.EVENLY_SPACED ? evenlySpaced(n, Math.min(n, neuronsPerLayer))
                    : active(out.data(), t, n, neuronsPerLayer);
            BitSet bits = new BitSet(rows.length * steps);
            for (int step = 0; step < t; step++) {
                for (int r = 0; r < rows.length; r++) {
                    if (out.data()[step * n + rows[r]] != 0) bits.set(r * steps + step);
                }
            }
            long total = 0;
            for (int i = 0; i < t * n; i++) if (out.data()[i] != 0) total++;
            layers.add(new Layer(layer, n, rows, bits, total));
        });
        Executor.dense(snn).forward(image.reshape(Tensor.concat(new int[] {1, 1}, image.shape())), ctx);
        return new SpikeRaster(List.copyOf(layers), steps);
    }

    private static int[] evenlySpaced(int n, int shown) {
        int[] rows = new int[shown];
        for (int r = 0; r < shown; r++) rows[r] = (int) ((long) r * n / shown);
        return rows;
    }

    private static int[] active(float[] spikes, int steps, int n, int shown) {
        boolean[] fired = new boolean[n];
        int count = 0;
        for (int step = 0; step < steps; step++) {
            for (int j = 0; j < n; j++) {
                if (spikes[step * n + j] != 0 && !fired[j]) {
                    fired[j] = true;
                    count++;
                }
            }
        }
        int[] active = new int[count];
        for (int j = 0, k = 0; j < n; j++) if (fired[j]) active[k++] = j;
        int[] rows = evenlySpaced(count, Math.min(count, shown));
        for (int r = 0; r < rows.length; r++) rows[r] = active[rows[r]];
        return rows;
    }

    /** Spikes shown in {@code layer}'s rows. */
    public static int count(Layer layer) {
        return layer.spikes().cardinality();
    }
}
