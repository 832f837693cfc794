package org.snn4j.plot;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What a run's HTML report shows ({@link HtmlReport}): the metrics log's lines, a fresh evaluation of the model
 * with its operation counts and energy, and the spike raster and membrane traces of one test sample.
 *
 * @param title      the page's heading
 * @param source     where the model and its log came from, as shown
 * @param metrics    the metrics log's objects in file order (epoch and conversion lines)
 * @param evaluation the model's evaluation on the test set
 * @param raster     the spikes of one test sample
 * @param membrane   the membrane traces of a few neurons for the same sample; null when the model has no spiking layer
 */
public record RunReport(String title, String source, List<JsonObject> metrics, Evaluation evaluation, SpikeRaster raster,
                        MembraneTraces membrane) {
    /**
     * A model's evaluation as the report shows it.
     *
     * @param steps       T
     * @param accuracy    test accuracy
     * @param samples     test samples
     * @param spikeRates  spikes per neuron per step by spiking layer
     * @param layers      operations and energy per weighted layer, per sample
     * @param energyModel the energy model's name (e.g. 45nm-fp32)
     */
    public record Evaluation(int steps, double accuracy, int samples, Map<String, Double> spikeRates, List<LayerOps> layers,
                             String energyModel) {
        /** Energy per sample as run (the SNN's MACs and ACs), in joules. */
        public double snnJoules() {
            return layers.stream().mapToDouble(l -> l.macJoules() + l.acJoules()).sum();
        }

        /** Energy per sample as an ANN (every synapse a MAC), in joules. */
        public double annJoules() {
            return layers.stream().mapToDouble(LayerOps::annJoules).sum();
        }
    }

    /**
     * One weighted layer's operations and energy per sample.
     *
     * @param layer      the layer
     * @param denseMacs  MACs the layer costs as an ANN
     * @param acs        accumulates (spikes × fan-out, summed over steps)
     * @param macs       multiply-accumulates on analog inputs
     * @param macJoules  energy of the MACs
     * @param acJoules   energy of the ACs
     * @param annJoules  energy of the dense MACs
     */
    public record LayerOps(String layer, double denseMacs, double acs, double macs, double macJoules, double acJoules, double annJoules) {}
}
