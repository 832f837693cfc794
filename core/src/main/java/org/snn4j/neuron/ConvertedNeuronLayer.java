package org.snn4j.neuron;

import org.snn4j.Snn4jException;
import org.snn4j.kernels.NeuronSpec;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.LayerState;
import org.snn4j.nn.Pass;
import org.snn4j.nn.RunListeners;
import org.snn4j.nn.ShapeException;
import org.snn4j.tensor.Tensor;

/**
 * The spiking layer of a network converted from an ANN: the dynamics of {@link NeuronLayer}, plus what
 * conversion needs.
 * <ul>
 *   <li>Per pass, the threshold a {@link org.snn4j.nn.ThresholdTuner} chooses (the spike amplitude scaled
 *       by the same factor, so a layer whose amplitude is θ keeps amplitude = θ) and the per-channel bias
 *       currents a {@link org.snn4j.nn.BiasTuner} chooses.</li>
 *   <li>Per-channel settings ({@link ChannelCalibration}): channel c fires at θ·s_c with spikes of amplitude
 *       a·s_c and receives a constant bias current b_c.</li>
 *   <li>Signed spikes ({@link NeuronConfig#signed}, {@link SignedSpikes}), with bursts: inference only; the
 *       layers fed by a burst layer's output learn how many spikes each element carries
 *       ({@link org.snn4j.nn.BurstListener}). A stream ({@link LayerState}) continues their net counts too.</li>
 * </ul>
 */
public final class ConvertedNeuronLayer extends NeuronLayer {
    private final ChannelCalibration channels;

    /** @param channels per-channel threshold scales and bias currents, or null for none */
    public ConvertedNeuronLayer(String name, NeuronConfig config, Surrogate surrogate, boolean detachReset, ChannelCalibration channels) {
        super(name, config, surrogate, detachReset, true);
        this.channels = channels;
    }

    /** The per-channel settings, or null when every neuron runs with the config's θ and no bias current. */
    public ChannelCalibration channels() {
        return channels;
    }

    /** {@code layer}'s per-channel settings: null unless it is a converted layer that has them. */
    public static ChannelCalibration channelsOf(NeuronLayer layer) {
        return layer instanceof ConvertedNeuronLayer c ? c.channels : null;
    }

    @Override
    public Pass forward(Tensor input, ForwardContext ctx) {
        if (config().signed() && ctx.keepForBackward()) {
            throw new Snn4jException(name() + ": signed spikes have no gradient (they are for converted inference); "
                    + "train or fine-tune without them");
        }
        return super.forward(input, ctx);
    }

    @Override
    Drive drive(Tensor input, int steps, ForwardContext ctx) {
        RunListeners listeners = ctx.listeners();
        NeuronSpec configured = spec();
        float th = listeners.threshold(name(), input, steps, configured.threshold());
        if (!(th > 0) || !Float.isFinite(th)) throw new Snn4jException(name() + ": tuned threshold must be finite and > 0, was " + th);
        NeuronSpec spec = th == configured.threshold() ? configured : configured.withThreshold(th);
        float amplitude = config().amplitude() * (th / configured.threshold());
        ChannelCalibration calibration = calibrationFor(input, steps, listeners);
        return calibration == null ? new Drive.Uniform(spec, amplitude)
                : new Drive.PerChannel(spec, amplitude, calibration, input.sizeFrom(2) / calibration.channels());
    }

    /** This pass's per-channel settings (a bias tuner may choose the currents), checked against the input's channels. */
    private ChannelCalibration calibrationFor(Tensor input, int steps, RunListeners listeners) {
        if (channels != null && (input.rank() < 3 || input.dim(2) != channels.channels())) {
            throw new ShapeException(name(), "input channels (dimension 2)", String.valueOf(channels.channels()), input.shapeString());
        }
        float[] configured = channels == null ? null : channels.bias();
        float[] bias = listeners.channelBias(name(), input, steps, configured);
        if (bias == configured) return channels;
        if (input.rank() < 3) throw new ShapeException(name(), "input rank", "≥ 3 ([T, N, C, ...]) for bias currents", input.shapeString());
        return (channels == null ? ChannelCalibration.identity(input.dim(2)) : channels).withBias(bias);
    }

    /** Signed neurons fire (and take back) spikes by {@link SignedSpikes}; the others as a plain layer. */
    @Override
    public long fire(NeuronSpec spec, float[] current, float[] spikes, int steps, int neurons, boolean held) {
        if (config().signed()) return SignedSpikes.forward(spec, current, spikes, steps, neurons, held, config().burst());
        return super.fire(spec, current, spikes, steps, neurons, held);
    }

    /** Signed neurons continue their membranes and net spike counts (capped at the state's horizon with bursts). */
    @Override
    long fireContinuing(NeuronSpec spec, float[] current, float[] spikes, int steps, int samples, int neurons, boolean held,
                        LayerState state) {
        if (!config().signed()) return super.fireContinuing(spec, current, spikes, steps, samples, neurons, held, state);
        float[] membrane = state.state(name(), samples, initialMembranes(spec, neurons / samples));
        float[] net = state.state(name() + "#net", samples, new float[neurons / samples]);
        return SignedSpikes.forwardContinue(spec, current, spikes, steps, neurons, held, config().burst(), state.horizon(), membrane, net);
    }

    @Override
    void fired(Tensor spikes, RunListeners listeners) {
        if (config().burst()) listeners.bursts(spikes, () -> burstSizes(spikes.data()));
    }

    /** A plain pass through a layer with neither per-channel settings nor signed spikes. */
    @Override
    public boolean firesPlainly(ForwardContext ctx) {
        return super.firesPlainly(ctx) && channels == null && !config().signed();
    }

    /** The number of spikes in each signed burst count of {@code counts}: |k|. */
    private static float[] burstSizes(float[] counts) {
        float[] sizes = new float[counts.length];
        for (int i = 0; i < counts.length; i++) sizes[i] = Math.abs(counts[i]);
        return sizes;
    }

    @Override
    public String toString() {
        return "Converted" + super.toString() + (channels == null ? "" : ", " + channels.channels() + " calibrated channels");
    }
}
