package org.snn4j.metrics;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.snn4j.kernels.Parallel;
import org.snn4j.nn.BurstListener;
import org.snn4j.nn.SpikeFlow;
import org.snn4j.nn.SynapseListener;
import org.snn4j.tensor.Tensor;

/**
 * Counts the synaptic operations of the weighted layers (conv, linear) over forward passes, per layer:
 * <ul>
 *   <li>dense MACs: what the layer costs in the ANN, one pass of every connection
 *       (output elements × fan-in, per sample);</li>
 *   <li>ACs (accumulates): what it costs driven by events, Σ over steps of its non-zero inputs times their
 *       fan-out; a spike (or an average-pooled group of spikes) adds one weight per target, no multiply.
 *       Each non-zero input is charged its own fan-out, the outputs it reaches (a convolution input near
 *       a border reaches fewer): exactly the accumulations the event-driven engine performs.
 *       A burst ({@link org.snn4j.neuron.SignedSpikes}: several spikes of one neuron in one step) is charged
 *       one accumulate per spike and target, as its spikes would cost one by one, when the layer's input is
 *       the burst layer's own output ({@link BurstListener}); the event engine instead adds
 *       the weight once, scaled;</li>
 *   <li>MACs: layers fed by analog values. An ANN pass (T = 1) costs its dense MACs; a direct input
 *       held over T steps is multiplied once, not T times, because the held layers run once (the
 *       papers' E_MAC · MACs · T assumes the current is recomputed every step).</li>
 * </ul>
 * A counter adds up many passes; each pass attaches its own {@link #forPass()} listener, which hears the
 * weighted layers' calls and, to tell spikes from analog values, the spiking layers'. A layer called more
 * than once in one pass (the shared layers of a {@link org.snn4j.nn.BackwardResidualBlock}) adds the
 * operations of every call for the same samples: its per-sample figures are the sum over its calls.
 */
public final class OpCounter {
    /** Per-layer totals over all samples counted. */
    public static final class LayerOps {
        long samples;
        double denseMacs;
        double acs;
        double macs;

        /** Samples counted. */
        public long samples() {
            return samples;
        }

        /** Dense (ANN) MACs over all samples counted. */
        public double denseMacs() {
            return denseMacs;
        }

        /** Event-driven accumulates over all samples counted. */
        public double acs() {
            return acs;
        }

        /** Multiply-accumulates on analog inputs over all samples counted. */
        public double macs() {
            return macs;
        }

        /** Dense (ANN) MACs per sample. */
        public double denseMacsPerSample() {
            return samples == 0 ? 0 : denseMacs / samples;
        }

        /** Event-driven accumulates per sample. */
        public double acsPerSample() {
            return samples == 0 ? 0 : acs / samples;
        }

        /** Multiply-accumulates on analog inputs per sample. */
        public double macsPerSample() {
            return samples == 0 ? 0 : macs / samples;
        }
    }

    private final Map<String, LayerOps> byLayer = new LinkedHashMap<>();

    /** A listener for one pass that counts into this counter. */
    public PassCounter forPass() {
        return new PassCounter();
    }

    /** What one pass has seen so far: whether spikes flow ({@link SpikeFlow}), the layers already counted, the burst layers' outputs. */
    public final class PassCounter extends SpikeFlow implements SynapseListener, BurstListener {
        private final Set<String> counted = new HashSet<>();
        private final Map<Tensor, float[]> bursts = new IdentityHashMap<>();

        private PassCounter() {}

        @Override
        public void synapses(String layer, Tensor input, int steps, long denseMacsPerSample, int[] fanOut) {
            count(layer, input, denseMacsPerSample, fanOut, carriesSpikes(), !counted.add(layer), bursts.get(input));
        }

        @Override
        public void synapseEvents(String layer, int samples, long denseMacsPerSample, long synapticOps) {
            LayerOps ops = byLayer.computeIfAbsent(layer, k -> new LayerOps());
            if (counted.add(layer)) ops.samples += samples;
            ops.denseMacs += (double) denseMacsPerSample * samples;
            ops.acs += synapticOps;
        }

        @Override
        public void bursts(Tensor output, float[] spikes) {
            bursts.put(output, spikes);
        }

        @Override
        public void released(Tensor t) {
            bursts.remove(t);
        }
    }

    /**
     * One weighted layer's forward pass.
     *
     * @param input              its input, {@code [T, N, ...]} ({@code [1, N, ...]} held over the pass's steps)
     * @param denseMacsPerSample output elements × fan-in of one sample at one step
     * @param fanOut             outputs reached by each input element of a sample, or {@code null} when
     *                           every input reaches denseMacsPerSample / inputs (a linear layer)
     * @param afterSpikingLayer  the input comes from spiking layers: a spiking layer has run earlier in this
     *                           pass and no layer has turned its spikes into analog values since
     * @param repeatedCall       the layer already counted these samples in this pass
     * @param spikesPerInput     the number of spikes each input element carries (bursts), or {@code null}:
     *                           one per non-zero element
     */
    private void count(String layer, Tensor input, long denseMacsPerSample, int[] fanOut, boolean afterSpikingLayer,
               boolean repeatedCall, float[] spikesPerInput) {
        LayerOps ops = byLayer.computeIfAbsent(layer, k -> new LayerOps());
        int samples = input.dim(1);
        if (!repeatedCall) ops.samples += samples;
        ops.denseMacs += (double) denseMacsPerSample * samples;
        // One step before any spiking layer: an ANN pass or a held direct input. After one (an SNN at
        // T = 1) the single step carries spikes; a multi-step input carries spikes (or Bernoulli input).
        if (input.dim(0) == 1 && !afterSpikingLayer) {
            ops.macs += (double) denseMacsPerSample * samples;  // analog: an ANN pass or a held direct input
        } else {
            int perSample = input.sizeFrom(2);
            float[] x = input.data();
            LongAdder reached = new LongAdder(), nonZero = new LongAdder();
            int rows = x.length / perSample;
            Parallel.forRange(rows, Math.max(1, (1 << 16) / perSample), (r0, r1) -> {
                long reachedHere = 0, nonZeroHere = 0;
                for (int r = r0; r < r1; r++) {
                    for (int j = 0, i = r * perSample; j < perSample; j++, i++) {
                        if (x[i] == 0) continue;
                        long events = spikesPerInput == null ? 1 : (long) spikesPerInput[i];
                        nonZeroHere += events;
                        if (fanOut != null) reachedHere += events * fanOut[j];
                    }
                }
                reached.add(reachedHere);
                nonZero.add(nonZeroHere);
            });
            ops.acs += fanOut != null ? reached.sum() : nonZero.sum() * ((double) denseMacsPerSample / perSample);
        }
    }

    /**
     * Adds totals counted elsewhere to layer {@code layer} (a counter of another machine's passes, say); a layer
     * that reports its fan-out counts whole numbers (below 2⁵³), so adding them in any order gives the same totals.
     */
    public void add(String layer, long samples, double denseMacs, double acs, double macs) {
        LayerOps ops = byLayer.computeIfAbsent(layer, k -> new LayerOps());
        ops.samples += samples;
        ops.denseMacs += denseMacs;
        ops.acs += acs;
        ops.macs += macs;
    }

    /** Adds every layer's totals of {@code other} to this counter's (see {@link #add(String, long, double, double, double)}). */
    public void add(OpCounter other) {
        other.byLayer.forEach((layer, o) -> add(layer, o.samples, o.denseMacs, o.acs, o.macs));
    }

    /** Counts by layer name, in the order the layers ran. */
    public Map<String, LayerOps> layers() {
        return byLayer;
    }
}
