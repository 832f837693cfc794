package org.snn4j.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;
import org.snn4j.tensor.Workspace;

/**
 * What one forward call over a network needs to know beyond its input: whether it is training
 * (dropout active, BN on batch statistics), whether layers keep what backward needs, the random stream
 * for dropout masks and stochastic encoders, and a record of the spikes every spiking layer emitted.
 *
 * <p>One context serves one forward pass of a whole network; it is not shared between threads.
 */
public final class ForwardContext {
    private final boolean training;
    private final boolean keepForBackward;
    private final Rng rng;
    private final Map<String, SpikeRecord> spikes = new LinkedHashMap<>();
    private final java.util.Set<String> countedLayers = new java.util.HashSet<>();
    private boolean carriesSpikes;
    private int steps = 1;
    private Workspace workspace;
    private ActivationObserver activationObserver;
    private ThresholdTuner thresholdTuner;
    private BiasTuner biasTuner;
    private OpCounter opCounter;
    private Map<Tensor, float[]> burstSpikes;
    private EventExecutor eventExecutor;
    private double spikePenalty;
    private Map<String, Double> spikePenaltyWeights = Map.of();

    public ForwardContext(boolean training, boolean keepForBackward, Rng rng) {
        this.training = training;
        this.keepForBackward = keepForBackward;
        this.rng = rng;
    }

    /** Training mode with backward: dropout on, BN batch statistics, passes keep what backward needs. */
    public static ForwardContext training(Rng rng) {
        return new ForwardContext(true, true, rng);
    }

    /** Evaluation: dropout off, BN running statistics, nothing kept for backward. */
    public static ForwardContext evaluation() {
        return new ForwardContext(false, false, new Rng(0));
    }

    /** Evaluation behaviour with backward available (gradient checks, threshold tuning). */
    public static ForwardContext evaluationWithBackward() {
        return new ForwardContext(false, true, new Rng(0));
    }

    /**
     * Sets T, the number of time steps a one-step ({@code [1, N, ...]}) sequence stands for. A sequence
     * that is the same at every step (direct input current) can be passed once: stateless layers then
     * run once instead of T times, and the first spiking layer holds that input for T steps (its
     * backward sums the gradient over them). Sequences with more than one step carry their own T.
     *
     * @return this context
     */
    public ForwardContext withSteps(int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, was " + steps);
        this.steps = steps;
        return this;
    }

    /**
     * Lets the layers of this pass take their activations and gradients from {@code workspace}, whose
     * owner recycles it after the step (see {@link Workspace}); without one they allocate fresh arrays.
     *
     * @return this context
     */
    public ForwardContext withWorkspace(Workspace workspace) {
        this.workspace = workspace;
        return this;
    }

    /**
     * A plain inference context with this pass's steps and workspace that records nothing into this one:
     * for timing alternative ways to run layers on the pass's data (arrays come from, and go back to, the
     * same workspace, so allocation does not distort the timing).
     */
    public ForwardContext throwaway() {
        return evaluation().withSteps(steps).withWorkspace(workspace);
    }

    /**
     * A zero-filled tensor for an activation or gradient of this pass, from the workspace when there is
     * one: valid until the step's owner recycles it, so a layer never keeps it beyond the pass.
     */
    public Tensor zeros(int... shape) {
        return workspace == null ? Tensor.zeros(shape) : workspace.zeros(shape);
    }

    /**
     * As {@link #zeros}, but with arbitrary contents when the array is a recycled one: only for an output
     * that a kernel documented "overwritten" writes completely before anything reads it.
     */
    public Tensor empty(int... shape) {
        return workspace == null ? Tensor.zeros(shape) : workspace.empty(shape);
    }

    /**
     * Sees what an activation layer (ReLU, Clip, Qcfs or spiking neurons) took and produced, while a pass runs: how
     * a converter gathers an ANN's activation statistics and measures an SNN's per-layer conversion
     * error. The tensors may be a workspace's: read them, keep no reference.
     */
    @FunctionalInterface
    public interface ActivationObserver {
        /**
         * @param input  the layer's input ({@code [1, N, ...]} for a current held over {@link #steps()})
         * @param output its output ({@code [T, N, ...]})
         */
        void observe(String layer, Tensor input, Tensor output);
    }

    /**
     * Chooses the threshold a spiking layer runs with in this pass, seeing its input first. The layer
     * scales its spike amplitude by the same factor, so the gain θ/amplitude stays (a converted layer,
     * whose amplitude is θ, keeps amplitude = θ).
     */
    @FunctionalInterface
    public interface ThresholdTuner {
        /**
         * @param input      the layer's input current ({@code [1, N, ...]} when held over {@code steps})
         * @param configured the layer's own threshold
         * @return the threshold to run with (&gt; 0)
         */
        float choose(String layer, Tensor input, int steps, float configured);
    }

    /**
     * Hands {@code t}'s array back to the workspace before the step ends (a pass that keeps nothing for
     * backward releases intermediate outputs as soon as they are consumed, so a deep network's
     * inference holds a few layers' activations, not all of them). Does nothing without a workspace or
     * for a tensor the workspace did not issue.
     */
    public void release(Tensor t) {
        if (burstSpikes != null) burstSpikes.remove(t);
        if (workspace != null) workspace.release(t);
    }

    /** Shows every activation layer's input and output to {@code observer} (see {@link ActivationObserver}). */
    public ForwardContext withActivationObserver(ActivationObserver observer) {
        this.activationObserver = observer;
        return this;
    }

    /** Called by activation layers; does nothing without an observer. */
    public void observeActivation(String layer, Tensor input, Tensor output) {
        if (activationObserver != null) activationObserver.observe(layer, input, output);
    }

    /**
     * Lets {@code tuner} choose each spiking layer's threshold from the input it receives, in the order
     * the layers run (layer-by-layer threshold tuning runs the network once this way).
     */
    public ForwardContext withThresholdTuner(ThresholdTuner tuner) {
        this.thresholdTuner = tuner;
        return this;
    }

    /** The threshold a spiking layer runs with: {@code configured} unless a tuner chooses another. */
    public float threshold(String layer, Tensor input, int steps, float configured) {
        return thresholdTuner == null ? configured : thresholdTuner.choose(layer, input, steps, configured);
    }

    /**
     * Chooses the per-channel bias currents a spiking layer runs with in this pass, seeing its input first
     * (conversion's bias calibration).
     */
    @FunctionalInterface
    public interface BiasTuner {
        /**
         * @param input      the layer's input current ({@code [1, N, ...]} when held over {@code steps})
         * @param configured the layer's own bias current per channel, or null when it has none
         * @return the bias currents to run with, one per channel ({@code configured} to keep them)
         */
        float[] choose(String layer, Tensor input, int steps, float[] configured);
    }

    public ForwardContext withBiasTuner(BiasTuner tuner) {
        this.biasTuner = tuner;
        return this;
    }

    /** The per-channel bias currents a spiking layer runs with: {@code configured} (may be null) unless a tuner chooses others. */
    public float[] channelBias(String layer, Tensor input, int steps, float[] configured) {
        return biasTuner == null ? configured : biasTuner.choose(layer, input, steps, configured);
    }

    /** Lets the weighted layers of this pass report their synaptic operations to {@code counter}. */
    public ForwardContext withOpCounter(OpCounter counter) {
        this.opCounter = counter;
        return this;
    }

    /**
     * Called by weighted layers with their input, dense MACs per sample and step, and the fan-out of each
     * input element of a sample ({@code null}: every input reaches the same number of outputs); does
     * nothing without a counter (see {@link OpCounter}). The supplier is called only when counting.
     */
    public void countOps(String layer, Tensor input, long denseMacsPerSample, java.util.function.Supplier<int[]> fanOut) {
        if (opCounter == null) return;
        opCounter.count(layer, input, steps, denseMacsPerSample, fanOut.get(), carriesSpikes, !countedLayers.add(layer),
                burstSpikes == null ? null : burstSpikes.get(input));
    }

    /** Whether this pass counts synaptic operations (see {@link #withOpCounter}). */
    public boolean countsOps() {
        return opCounter != null;
    }

    /**
     * A layer whose neurons emit bursts tells the op counter how many spikes each element of its
     * {@code output} carries ({@code spikes}, same size; |signed count|), so that the layers fed by that
     * output are charged one accumulate per spike. Only while counting (see {@link #countsOps}); keyed by the
     * tensor itself, so a view or a pooled copy of it is charged one per non-zero element; forgotten when
     * the tensor is {@link #release released}.
     */
    public void recordBursts(Tensor output, float[] spikes) {
        if (opCounter == null) return;
        if (spikes.length != output.size()) throw new IllegalArgumentException("spikes per element: " + spikes.length + " for " + output.size());
        if (burstSpikes == null) burstSpikes = new java.util.IdentityHashMap<>();
        burstSpikes.put(output, spikes);
    }

    /**
     * Computes a conv or linear layer's forward output from the events (non-zero entries) of its input
     * instead of the dense kernel: the event-driven inference engine ({@code org.snn4j.engine}) plugs in here.
     */
    @FunctionalInterface
    public interface EventExecutor {
        /**
         * @param layer             a {@link Conv2d} or {@link Linear}
         * @param input             its input, {@code [T, N, ...]}; read
         * @param output            its zero-filled output; written when this returns true
         * @param afterSpikingLayer the input carries spikes (see {@link #markAnalog})
         * @return false to let the layer run its dense kernel instead
         */
        boolean forward(Layer layer, Tensor input, Tensor output, boolean afterSpikingLayer);

        /**
         * May run {@code chain[at]} and the layers after it as one fused block (e.g. a convolution, its
         * spiking layer and a pooling layer, one sample at a time so that no intermediate output leaves
         * the cache), with the same output and records as running them one by one.
         *
         * @param input             the input of {@code chain[at]}
         * @param afterSpikingLayer the input carries spikes (see {@link #markAnalog})
         * @return the block's output and how many layers it ran, or null to run {@code chain[at]} alone
         */
        default Fused forwardFused(List<Layer> chain, int at, Tensor input, ForwardContext ctx, boolean afterSpikingLayer) {
            return null;
        }
    }

    /** What an {@link EventExecutor} ran as one fused block: its output and how many layers of the chain it covered. */
    public record Fused(Tensor output, int layers) {
        public Fused {
            if (layers < 1) throw new IllegalArgumentException("a fused block runs at least one layer, not " + layers);
        }
    }

    /** Lets {@code executor} run the conv and linear layers of this pass (inference only: ignored with backward). */
    public ForwardContext withEventExecutor(EventExecutor executor) {
        this.eventExecutor = executor;
        return this;
    }

    /**
     * Called by conv and linear layers before their dense kernel: whether this pass's event executor
     * computed {@code output} (never when the pass keeps what backward needs).
     */
    public boolean forwardByEvents(Layer layer, Tensor input, Tensor output) {
        return eventExecutor != null && !keepForBackward && eventExecutor.forward(layer, input, output, carriesSpikes);
    }

    /**
     * Called by a chain of layers before running {@code chain[at]} in a plain inference pass (see
     * {@link EventExecutor#forwardFused}): the fused block's output and length, or null.
     */
    public Fused forwardFused(List<Layer> chain, int at, Tensor input) {
        if (eventExecutor == null || !plainInference()) return null;
        return eventExecutor.forwardFused(chain, at, input, this, carriesSpikes);
    }

    /**
     * Called by a layer that turns spike trains into analog values (a hybrid network's spikes-to-ANN
     * boundary): until the next spiking layer runs, weighted layers are charged MACs, not ACs.
     */
    public void markAnalog() {
        carriesSpikes = false;
    }

    /**
     * Adds λ·S to this pass's loss, S = Σ_l w_l·(spikes of layer l) / (B·T·N_h) with N_h the spiking
     * neurons of all layers (Allred et al.; w_l = 1 unless {@code layerWeights} names the layer): each
     * spiking layer's backward adds {@link #spikePenaltyGradient(String)} at every spike.
     */
    public ForwardContext withSpikePenalty(double lambda, Map<String, Double> layerWeights) {
        this.spikePenalty = lambda;
        this.spikePenaltyWeights = Map.copyOf(layerWeights);
        return this;
    }

    /** λ·w_l/(B·T·N_h): ∂(λS)/∂s at every spike output of {@code layer}; 0 without a penalty. */
    public float spikePenaltyGradient(String layer) {
        long neuronSteps = neuronSteps();
        return spikePenalty == 0 || neuronSteps == 0 ? 0f : (float) (spikePenalty * weight(layer) / neuronSteps);
    }

    /** λ·S for the spikes recorded so far (0 without a penalty). */
    public double spikePenaltyLoss() {
        long neuronSteps = neuronSteps();
        double weighted = 0;
        for (SpikeRecord r : spikes.values()) weighted += weight(r.layer()) * r.spikes();
        return spikePenalty == 0 || neuronSteps == 0 ? 0 : spikePenalty * weighted / neuronSteps;
    }

    private double weight(String layer) {
        return spikePenaltyWeights.getOrDefault(layer, 1.0);
    }

    private long neuronSteps() {
        long n = 0;
        for (SpikeRecord r : spikes.values()) n += (long) r.neurons() * r.steps() * r.samples();
        return n;
    }

    /** T for one-step (held) sequences; 1 unless set with {@link #withSteps}. */
    public int steps() {
        return steps;
    }

    public boolean training() {
        return training;
    }

    /**
     * An inference pass that no threshold or bias tuner or activation observer looks into:
     * layers may then be run fused, without their intermediate outputs (see {@link EventExecutor#forwardFused}).
     */
    public boolean plainInference() {
        return !keepForBackward && thresholdTuner == null && biasTuner == null && activationObserver == null;
    }

    public boolean keepForBackward() {
        return keepForBackward;
    }

    public Rng rng() {
        return rng;
    }

    /**
     * Records the spikes a spiking layer emitted in this pass.
     *
     * @param layer   the layer's name
     * @param spikes  total spikes over all T steps and N samples
     * @param neurons neurons per sample
     * @param steps   T
     * @param samples N
     */
    public void recordSpikes(String layer, long spikes, int neurons, int steps, int samples) {
        this.spikes.merge(layer, new SpikeRecord(layer, spikes, neurons, steps, samples), SpikeRecord::plus);
        carriesSpikes = true;
    }

    /** Spike records by layer name, in the order the layers ran. */
    public Map<String, SpikeRecord> spikeRecords() {
        return spikes;
    }

    /** Spikes of one layer in one forward pass. */
    public record SpikeRecord(String layer, long spikes, int neurons, int steps, int samples) {
        /** Spikes per neuron per time step (the firing rate the papers report). */
        public double rate() {
            double denominator = (double) neurons * steps * samples;
            return denominator == 0 ? 0 : spikes / denominator;
        }

        SpikeRecord plus(SpikeRecord o) {
            // A layer that runs twice in one pass adds its calls up.
            return new SpikeRecord(layer, spikes + o.spikes, neurons, steps, samples + o.samples);
        }
    }
}
