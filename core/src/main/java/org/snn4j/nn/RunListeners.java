package org.snn4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.snn4j.tensor.Tensor;

/**
 * The {@link RunListener}s of one pass, in the order they were attached, and the one place that tells each
 * kind what the layers report. A tuner's choice passes through every tuner in turn; with none attached,
 * every method costs a loop over an empty or short list and nothing is computed for nobody (fan-outs and
 * burst sizes are asked for only when a listener takes them).
 */
public final class RunListeners {
    private final List<RunListener> all = new ArrayList<>();

    void add(RunListener listener) {
        all.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /** {@code t} was released: the burst listeners forget it. */
    void released(Tensor t) {
        for (RunListener l : all) if (l instanceof BurstListener b) b.released(t);
    }

    /** Whether an attached listener needs every layer's own call ({@link RunListener#needsEveryLayer}). */
    public boolean anyNeedsEveryLayer() {
        for (RunListener l : all) if (l.needsEveryLayer()) return true;
        return false;
    }

    /** Whether a listener of {@code kind} is attached. */
    public boolean hears(Class<? extends RunListener> kind) {
        for (RunListener l : all) if (kind.isInstance(l)) return true;
        return false;
    }

    /** The state this pass continues from (the first {@link LayerState} attached), or null for a whole-sequence pass. */
    public LayerState layerState() {
        for (RunListener l : all) if (l instanceof LayerState s) return s;
        return null;
    }

    /** Tells the listeners that a spiking layer emitted spikes (see {@link SpikeListener#spikes}). */
    public void spikes(String layer, long spikes, int neurons, int steps, int samples) {
        for (RunListener l : all) if (l instanceof SpikeListener s) s.spikes(layer, spikes, neurons, steps, samples);
    }

    /** Tells the listeners that spike trains became analog values (see {@link SpikeListener#analog}). */
    public void analog() {
        for (RunListener l : all) if (l instanceof SpikeListener s) s.analog();
    }

    /** Tells the listeners of a weighted layer's call; {@code fanOut} is asked only when one listens. */
    public void synapses(String layer, Tensor input, int steps, long denseMacsPerSample, Supplier<int[]> fanOut) {
        int[] fan = null;
        boolean asked = false;
        for (RunListener l : all) {
            if (!(l instanceof SynapseListener s)) continue;
            if (!asked) fan = fanOut.get();
            asked = true;
            s.synapses(layer, input, steps, denseMacsPerSample, fan);
        }
    }

    /** Tells the listeners of a weighted layer's call from event lists (see {@link SynapseListener#synapseEvents}). */
    public void synapseEvents(String layer, int samples, long denseMacsPerSample, long synapticOps) {
        for (RunListener l : all) if (l instanceof SynapseListener s) s.synapseEvents(layer, samples, denseMacsPerSample, synapticOps);
    }

    /** Tells the listeners how many spikes each element of {@code output} carries; the sizes are computed only when one listens. */
    public void bursts(Tensor output, Supplier<float[]> spikes) {
        if (!hears(BurstListener.class)) return;
        float[] sizes = spikes.get();
        if (sizes.length != output.size()) throw new IllegalArgumentException("spikes per element: " + sizes.length + " for " + output.size());
        for (RunListener l : all) if (l instanceof BurstListener b) b.bursts(output, sizes);
    }

    /** Shows an activation layer's input and output to the observers. */
    public void observeActivation(String layer, Tensor input, Tensor output) {
        for (RunListener l : all) if (l instanceof ActivationObserver o) o.observe(layer, input, output);
    }

    /** The threshold a spiking layer runs with: {@code configured} as every tuner in turn chooses. */
    public float threshold(String layer, Tensor input, int steps, float configured) {
        float th = configured;
        for (RunListener l : all) if (l instanceof ThresholdTuner t) th = t.choose(layer, input, steps, th);
        return th;
    }

    /** The per-channel bias currents a spiking layer runs with (null: none), as every tuner in turn chooses. */
    public float[] channelBias(String layer, Tensor input, int steps, float[] configured) {
        float[] bias = configured;
        for (RunListener l : all) if (l instanceof BiasTuner t) bias = t.choose(layer, input, steps, bias);
        return bias;
    }

    /** The gradient the spike-dependent loss terms add at every spike output of {@code layer} (0 without one). */
    public float spikeLossGradient(String layer) {
        float g = 0f;
        for (RunListener l : all) if (l instanceof SpikeLoss s) g += s.gradientAtSpike(layer);
        return g;
    }
}
