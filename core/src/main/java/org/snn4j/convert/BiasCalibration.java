package org.snn4j.convert;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.Snn4jException;
import org.snn4j.engine.Executor;
import org.snn4j.kernels.NeuronSpec;
import org.snn4j.model.Model;
import org.snn4j.neuron.ChannelCalibration;
import org.snn4j.neuron.ConvertedNeuronLayer;
import org.snn4j.neuron.NeuronLayer;
import org.snn4j.nn.BiasTuner;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Sequence;
import org.snn4j.tensor.Tensor;

/**
 * Bias calibration of a converted SNN for a target T (the bias correction of Li et al. 2021, "A free lunch
 * from ANN: towards efficient, accurate spiking neural networks calibration", applied as a constant input
 * current per channel): layer by layer in the order the network runs, each spiking layer gets a bias
 * current b_c per channel such that the channel's mean SNN output over T steps, θ·N/T, equals the ANN's
 * mean activation of that channel on a calibration batch. What remains of the conversion error after it
 * is zero-mean per channel: the systematic part (the flooring of the quantization error, the spikes a
 * layer loses or gains when its input arrives unevenly: TTRBR's deviation error, shared/papers.md §3.3)
 * is cancelled at each layer before the next one sees it, which matters most in deep networks where
 * those errors otherwise add up.
 *
 * <p>Each layer is calibrated on the input it receives from the layers before it, already calibrated,
 * in one forward pass of the SNN ({@link BiasTuner}); per layer only its neuron
 * dynamics are simulated. The mean output responds to a bias shift with a slope between 0 and 1 (only
 * neurons between silence and saturation pass it on), so b_c is found by secant steps
 * b_c ← b_c + (ā_c − s̄_c)/slope_c, with the slope measured from the last two iterates (1 at first,
 * kept within [0.3, 1]), repeated {@code iterations} times.
 */
public final class BiasCalibration {
    /** Secant steps per layer: the per-channel means settle within about 0.2 % of the ANN's (ConverterTest). */
    public static final int DEFAULT_ITERATIONS = 10;
    /**
     * Smallest response assumed: a channel moves at most 1/0.3 ≈ 3.3 times its error per step (steeper
     * jumps overshoot at small T, where the output moves in whole spikes).
     */
    private static final float MIN_SLOPE = 0.3f;

    private BiasCalibration() {}

    /**
     * Calibrates the bias currents of {@code start} for {@code steps} on {@code images} ({@code [N, C, H, W]},
     * direct input), keeping its thresholds.
     *
     * @param foldedAnn the batch-norm-free ANN {@code start} was converted from
     */
    public static Converter.Conversion calibrate(Converter.Conversion start, Model foldedAnn, Converter.Options options,
                                                 Tensor images, int steps, int iterations) {
        if (iterations < 1) throw new Snn4jException("bias calibration needs at least one iteration, was " + iterations);
        Map<String, float[]> ann = AnnActivations.of(foldedAnn, images);
        Map<String, NeuronLayer> neurons = start.snn().neuronLayers();
        Map<String, ChannelCalibration> chosen = new LinkedHashMap<>();
        ForwardContext ctx = ForwardContext.evaluation().withSteps(steps).with((BiasTuner) (layer, input, t, configured) -> {
            NeuronLayer n = neurons.get(layer);
            ChannelCalibration own = ConvertedNeuronLayer.channelsOf(n);
            ChannelCalibration base = own != null ? own : ChannelCalibration.identity(input.dim(2));
            float[] bias = fit(n, base, input, t, ann.get(layer), iterations);
            chosen.put(layer, base.withBias(bias));
            return bias;
        });
        Executor.dense(start.snn()).forward(AnnActivations.held(images), ctx);
        return new Converter.Conversion(Converter.build(foldedAnn, start.thresholds(), chosen, options), start.lambdas(),
                start.thresholds(), chosen);
    }

    /** The bias currents that match the layer's per-channel mean output to the ANN's. */
    private static float[] fit(NeuronLayer layer, ChannelCalibration base, Tensor input, int steps, float[] ann,
                               int iterations) {
        NeuronSpec spec = layer.spec();
        float amplitude = layer.config().amplitude();
        boolean held = Sequence.of(input, steps).held();
        int neurons = held ? input.size() : input.size() / steps;
        int channels = base.channels(), inner = input.sizeFrom(2) / channels;
        if (ann == null || ann.length != neurons) {
            throw new Snn4jException("bias calibration: the ANN's activations do not match the spiking layer's " + neurons + " neurons");
        }
        float[] annMean = channelMeans(ann, channels, inner);
        float[] scale = base.scale(), bias = base.bias();
        float[] current = new float[input.size()], spikes = new float[steps * neurons], counts = new float[neurons];
        float[] lastBias = null, lastOutput = null;
        for (int k = 0; k < iterations; k++) {
            base.withBias(bias).normalizeCurrent(input.data(), current, inner);
            layer.fire(spec, current, spikes, steps, neurons, held);
            java.util.Arrays.fill(counts, 0f);
            for (int t = 0; t < steps; t++) {
                for (int j = 0, o = t * neurons; j < neurons; j++) counts[j] += spikes[o + j];
            }
            float[] output = channelMeans(counts, channels, inner);
            for (int c = 0; c < channels; c++) output[c] *= amplitude * scale[c] / steps;
            float[] next = new float[channels];
            for (int c = 0; c < channels; c++) {
                next[c] = bias[c] + (annMean[c] - output[c]) / slope(lastBias, lastOutput, bias, output, c);
            }
            lastBias = bias;
            lastOutput = output;
            bias = next;
        }
        return bias;
    }

    /**
     * d(mean output)/d(bias) of channel c, estimated from the last two iterates (secant), within
     * [{@value #MIN_SLOPE}, 1]; 1 before there are two.
     */
    private static float slope(float[] lastBias, float[] lastOutput, float[] bias, float[] output, int c) {
        if (lastBias == null || lastBias[c] == bias[c]) return 1f;
        float s = (output[c] - lastOutput[c]) / (bias[c] - lastBias[c]);
        return Float.isFinite(s) ? Math.max(MIN_SLOPE, Math.min(1f, s)) : 1f;
    }

    /** Mean of {@code x} ({@code [N, channels, inner]}) per channel. */
    private static float[] channelMeans(float[] x, int channels, int inner) {
        double[] sum = new double[channels];
        int block = channels * inner;
        for (int i = 0; i < x.length; i++) sum[(i % block) / inner] += x[i];
        float[] mean = new float[channels];
        double per = (double) x.length / channels;
        for (int c = 0; c < channels; c++) mean[c] = (float) (sum[c] / per);
        return mean;
    }
}
