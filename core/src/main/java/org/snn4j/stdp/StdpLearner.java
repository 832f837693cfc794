package org.snn4j.stdp;

import java.util.Objects;
import org.snn4j.nn.ActivationObserver;
import org.snn4j.nn.Linear;
import org.snn4j.nn.SynapseListener;
import org.snn4j.tensor.Tensor;

/**
 * STDP on a {@link Linear} layer of any network, as a listener of its passes ({@code ctx.with(learner)}): the
 * layer tells it its input (the pre-synaptic spikes, as it tells every {@link SynapseListener}) and the spiking
 * layer after it tells it its output (the post-synaptic spikes, as it shows every {@link ActivationObserver});
 * the learner then runs its {@link StdpRule} over the pass's steps and changes the layer's weights in place.
 * Nothing in the layers knows about learning.
 *
 * <p>Timing: a pass's outputs are computed with the weights of its start; the learner walks the pass's steps
 * afterwards, each step's change computed from the weights as the steps before left them. Passes of one step
 * each (a session, or a loop of one-step passes) are therefore exactly on-line STDP; a whole-sequence pass is
 * SpikingJelly's multi-step mode (weights fixed during the sequence, updated after it). Each sample of a batch
 * has its own traces (kept from one pass to the next, so a sequence may come in pieces; {@link #reset} between
 * samples); at each step the samples update the shared weights in order. A non-zero input or output element
 * is a spike (analog values count as spikes; a held input spikes at every step). An event-driven executor
 * copies the weights when it is built, so learn with a dense one or the layers' own forward.
 */
public final class StdpLearner implements SynapseListener, ActivationObserver {
    private final Linear layer;
    private final String postLayer;
    private final StdpRule rule;
    private final double dtMs;
    private final Synapses synapses;
    private Plasticity[] streams = new Plasticity[0];
    private int[][] preEvents;
    private int[] preCounts;
    private int preSteps;

    /**
     * @param layer     the linear layer whose weights learn
     * @param postLayer the name of the spiking layer its output drives (whose spikes are the post-synaptic ones)
     * @param dtMs      the length of one step, in ms
     */
    public StdpLearner(Linear layer, String postLayer, StdpRule rule, double dtMs) {
        this.layer = Objects.requireNonNull(layer, "layer");
        this.postLayer = Objects.requireNonNull(postLayer, "postLayer");
        this.rule = Objects.requireNonNull(rule, "rule");
        if (!(dtMs > 0)) throw new IllegalArgumentException("dt must be > 0, was " + dtMs);
        this.dtMs = dtMs;
        this.synapses = Synapses.outByIn(layer.weight().value().data(), layer.inFeatures(), layer.outFeatures());
    }

    @Override
    public void synapses(String name, Tensor input, int steps, long denseMacsPerSample, int[] fanOut) {
        if (!name.equals(layer.name())) return;
        int rows = input.dim(0), samples = input.dim(1), in = layer.inFeatures();
        float[] x = input.data();
        preEvents = new int[rows * samples][];
        preCounts = new int[rows * samples];
        for (int r = 0; r < rows * samples; r++) {
            int[] events = new int[in];
            int count = 0;
            for (int i = 0; i < in; i++) if (x[r * in + i] != 0f) events[count++] = i;
            preEvents[r] = events;
            preCounts[r] = count;
        }
        preSteps = rows;
    }

    @Override
    public void observe(String name, Tensor input, Tensor output) {
        if (!name.equals(postLayer)) return;
        if (preEvents == null) throw new IllegalStateException(postLayer + " fired before " + layer.name() + " ran in this pass");
        int steps = output.dim(0), samples = output.dim(1), out = layer.outFeatures();
        if (output.size() != steps * samples * out) {
            throw new IllegalStateException(postLayer + ": output " + output.shapeString() + " is not [T, N, " + out + "]");
        }
        if (streams.length != samples) {
            streams = new Plasticity[samples];
            for (int n = 0; n < samples; n++) streams[n] = rule.start(synapses, dtMs);
        }
        float[] y = output.data();
        int[] post = new int[out];
        for (int t = 0; t < steps; t++) {
            int preRow = preSteps == 1 ? 0 : t;
            for (int n = 0; n < samples; n++) {
                int count = 0, base = (t * samples + n) * out;
                for (int j = 0; j < out; j++) if (y[base + j] != 0f) post[count++] = j;
                int r = preRow * samples + n;
                streams[n].step(preEvents[r], preCounts[r], post, count);
            }
        }
        preEvents = null;
    }

    /** Every sample's traces back to 0 (between samples). */
    public void reset() {
        for (Plasticity p : streams) p.reset();
    }

    /** Sees every layer's own call (the spiking layer's output): the pass runs unfused. */
    @Override
    public boolean needsEveryLayer() {
        return true;
    }
}
