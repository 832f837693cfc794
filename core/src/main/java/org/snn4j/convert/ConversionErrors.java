package org.snn4j.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snn4j.engine.Executor;
import org.snn4j.model.Model;
import org.snn4j.neuron.ChannelCalibration;
import org.snn4j.neuron.ConvertedNeuronLayer;
import org.snn4j.neuron.NeuronLayer;
import org.snn4j.nn.ActivationObserver;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Sequence;
import org.snn4j.tensor.Tensor;

/**
 * Per-layer conversion error of an SNN at T steps, split into quantization and deviation error
 * (TTRBR, Neural Networks 153, 2022). The paper's exact formulas are not available; these are the
 * definitions of shared/papers.md §3.3, a derivation [INF] for IF neurons with reset by subtraction:
 *
 * <p>For one neuron with threshold θ, initial membrane v₀, input currents x_1..x_T (what the layer
 * really receives in the SNN) and mean x̄ = (1/T)·Σ x_t, the value it stands for is θ·N/T with N its
 * spike count. Were the same total input constant, it would fire
 * <pre>  N_c = clip(floor((T·x̄ + v₀)/θ), 0, T)  </pre>
 * times (exact for the non-strict test V ≥ θ the converter uses). Against the ANN function of that
 * mean input, clip(x̄, 0, θ):
 * <ul>
 *   <li><b>quantization error</b> e_q = θ·N_c/T − clip(x̄, 0, θ): from the discrete spike count, at most
 *       θ/T in magnitude (θ/(2T) with v₀ = θ/2); grows with θ, falls as 1/T;</li>
 *   <li><b>deviation error</b> e_d = θ·(N − N_c)/T: from the input varying over time (spikes cannot be
 *       retracted when later inputs are negative, and late input may not reach threshold); zero for
 *       constant input, growing with the input's spread over time relative to θ.</li>
 * </ul>
 * A layer with per-channel settings ({@link ChannelCalibration}) is measured neuron by neuron with its
 * channel's threshold θ·s_c and its current x_t + b_c. e_q + e_d is the layer's own error given its SNN input. Each layer also reports its error against
 * the ANN activation of the same neuron for the same image, θ·N/T − a_ANN, which includes what the
 * layers before passed on (as a mean absolute value and as a signed mean, the excess), and the input's spread: the standard deviation of x_t over time, over θ.
 * Figures are means of absolute values over neurons and images.
 */
public final class ConversionErrors {
    /**
     * @param quantization mean |e_q|
     * @param deviation    mean |e_d|
     * @param total        mean |e_q + e_d|
     * @param versusAnn    mean |θ·N/T − a_ANN|
     * @param excess       mean (θ·N/T − a_ANN), signed: &gt; 0 when the layer fires more than the ANN's
     *                     activations call for (over-firing), &lt; 0 when it fires less
     * @param annMean      mean ANN activation (the scale the errors compare with)
     * @param inputSpread  mean over neurons of std_t(x_t)/θ
     */
    public record LayerError(String layer, float threshold, double quantization, double deviation, double total,
                             double versusAnn, double excess, double annMean, double inputSpread) {}

    private ConversionErrors() {}

    /**
     * Runs {@code snn} at {@code steps} on {@code images} ({@code [N, C, H, W]}, direct input) and
     * {@code foldedAnn} on the same images; one entry per spiking layer, in the order they ran.
     */
    public static List<LayerError> measure(Model snn, Model foldedAnn, Tensor images, int steps) {
        Map<String, float[]> ann = AnnActivations.of(foldedAnn, images);
        Map<String, NeuronLayer> neurons = snn.neuronLayers();
        List<LayerError> out = new ArrayList<>();
        ForwardContext ctx = ForwardContext.evaluation().withSteps(steps).with((ActivationObserver) (layer, in, y) -> {
            NeuronLayer n = neurons.get(layer);
            if (n != null) out.add(layerError(n, in, y, steps, ann.get(layer)));
        });
        Executor.dense(snn).forward(AnnActivations.held(images), ctx);
        return out;
    }

    static LayerError layerError(NeuronLayer layer, Tensor input, Tensor output, int steps, float[] ann) {
        float layerTheta = layer.spec().threshold();
        int n = output.size() / steps;
        boolean held = Sequence.of(input, steps).held();
        float[] x = input.data(), y = output.data();
        // Per-channel settings (ChannelCalibration): neuron j of channel c fires at θ·s_c on x + b_c.
        ChannelCalibration channels = ConvertedNeuronLayer.channelsOf(layer);
        float[] scale = channels == null ? null : channels.scale(), bias = channels == null ? null : channels.bias();
        int perSample = input.sizeFrom(2), inner = channels == null ? 1 : perSample / channels.channels();
        double q = 0, d = 0, tot = 0, vsAnn = 0, excess = 0, annSum = 0, spread = 0;
        for (int j = 0; j < n; j++) {
            int c = channels == null ? 0 : (j % perSample) / inner;
            float theta = channels == null ? layerTheta : layerTheta * scale[c];
            double shift = channels == null ? 0 : bias[c];
            double v0 = layer.spec().halfThresholdStart() ? theta / 2.0 : 0;
            float amplitude = layer.config().amplitude() * (channels == null ? 1f : scale[c]);
            double sum = 0, sumSq = 0;
            int spikes = 0;
            for (int t = 0; t < steps; t++) {
                double xt = x[held ? j : t * n + j] + shift;
                sum += xt;
                sumSq += xt * xt;
                spikes += Math.round(y[t * n + j] / amplitude);   // net count (signed neurons take spikes back, bursts carry several)
            }
            double mean = sum / steps;
            double ideal = Math.min(Math.max(mean, 0), theta);
            double constantCount = Math.min(Math.max(Math.floor((steps * mean + v0) / theta), 0), steps);
            double value = (double) theta * spikes / steps;
            double eq = theta * constantCount / steps - ideal, ed = theta * (spikes - constantCount) / steps;
            q += Math.abs(eq);
            d += Math.abs(ed);
            tot += Math.abs(eq + ed);
            vsAnn += Math.abs(value - ann[j]);
            excess += value - ann[j];
            annSum += ann[j];
            spread += Math.sqrt(Math.max(0, sumSq / steps - mean * mean)) / theta;
        }
        return new LayerError(layer.name(), layerTheta, q / n, d / n, tot / n, vsAnn / n, excess / n, annSum / n, spread / n);
    }
}
