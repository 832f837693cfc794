package org.snn4j.engine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.kernels.ConvGeometry;
import org.snn4j.kernels.EventKernels;
import org.snn4j.model.Model;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Linear;
import org.snn4j.tensor.Tensor;

/**
 * Runs a model's inference in one of three {@link EngineMode}s. The event modes plug into the model's
 * own forward pass ({@link ForwardContext#withEventExecutor}): every {@link Conv2d} and {@link Linear},
 * at any depth, whose input carries spikes (a spiking layer ran before it, or the input sequence has more
 * than one step, e.g. a Bernoulli code) computes its output with {@link EventKernels} from the non-zero
 * inputs; everything else (neurons, pooling, readout, a held direct input's first layers) runs as usual,
 * except that a convolution run by events, its spiking layer and a pooling layer after it run as one
 * {@link FusedBlock}, one sample at a time (see {@link #forwardFused}). The event kernels are
 * bit-identical to the dense ones, so every mode gives the same spike trains and predictions.
 *
 * <p>"auto" runs a layer by events when its input's density (sampled over 32 images per batch) is at most
 * the layer's crossover density. The crossover is measured on the machine, per layer, because it depends
 * on the layer's shape (measured 0.03 to 0.20, docs/BENCHMARKS.md): on the layer's {@value #CALIBRATION_CALL}th
 * call (earlier ones warm up with {@link #INITIAL_CROSSOVER}), both kernels run three times on that
 * batch and the crossover is 0.9 × that batch's density × (dense time / event time), the event kernel's
 * cost being nearly proportional to its events (the 0.9 keeps near-even layers dense). Results never depend on the choice.
 *
 * <p>The engine copies the weights into the layouts the event kernels read when it is built: rebuild it
 * after the weights change. One engine serves one thread's passes at a time; it records per-layer
 * {@link LayerActivity} across them.
 */
public final class InferenceEngine implements ForwardContext.EventExecutor {
    /** The crossover "auto" uses until a layer's own is measured: W1's second convolution's, about 0.16. */
    public static final double INITIAL_CROSSOVER = 0.16;
    /** The call of each layer on which "auto" measures its crossover. */
    static final int CALIBRATION_CALL = 3;
    /** The share of the measured crossover that "auto" uses (see {@link #measureCrossover}). */
    static final double MARGIN = 0.9;
    /** Images (rows) per batch whose non-zero inputs are counted for the density. */
    private static final int DENSITY_SAMPLES = 32;

    private final Model model;
    private final EngineMode mode;
    private final Map<Layer, float[]> transposedWeights = new IdentityHashMap<>();
    private final Map<Layer, Double> crossovers = new IdentityHashMap<>();
    private final Map<String, LayerActivity> activity = new LinkedHashMap<>();

    /** An engine for {@code model}; the event modes copy its conv and linear weights now. */
    public InferenceEngine(Model model, EngineMode mode) {
        this.model = model;
        this.mode = mode;
        if (mode == EngineMode.DENSE) return;
        for (Layer l : model.layers()) {
            if (l instanceof Conv2d c) {
                int patch = c.inChannels() * c.kernel() * c.kernel();
                transposedWeights.put(c, EventKernels.transposed(c.outChannels(), patch, c.weight().value().data()));
            } else if (l instanceof Linear f) {
                transposedWeights.put(f, EventKernels.transposed(f.outFeatures(), f.inFeatures(), f.weight().value().data()));
            }
        }
    }

    public Model model() {
        return model;
    }

    public EngineMode mode() {
        return mode;
    }

    /**
     * Runs the model over {@code input} in this engine's mode: the readout {@code [1, N, classes]}.
     *
     * @param ctx an inference context (nothing kept for backward; with one, every layer runs densely)
     */
    public Tensor forward(Tensor input, ForwardContext ctx) {
        return model.forward(input, mode == EngineMode.DENSE ? ctx : ctx.withEventExecutor(this)).output();
    }

    /** Per conv and linear layer that ran fed by spikes, by name in the order they first ran. */
    public Map<String, LayerActivity> activity() {
        return Collections.unmodifiableMap(activity);
    }

    /** The crossover density "auto" uses for {@code layer} now (the initial one until measured). */
    public double crossover(Layer layer) {
        return crossovers.getOrDefault(layer, INITIAL_CROSSOVER);
    }

    @Override
    public boolean forward(Layer layer, Tensor input, Tensor output, boolean afterSpikingLayer) {
        float[] weight = transposedWeights.get(layer);
        if (weight == null || (input.dim(0) == 1 && !afterSpikingLayer)) return false;
        double density = EventKernels.density(input.data(), input.dim(0) * input.dim(1), input.sizeFrom(2), DENSITY_SAMPLES);
        LayerActivity a = activity.computeIfAbsent(layer.name(), k -> new LayerActivity());
        if (mode == EngineMode.AUTO && a.calls() + 1 == CALIBRATION_CALL && density > 0 && !crossovers.containsKey(layer)) {
            double measured = measureCrossover(layer, input, output, weight, density);
            crossovers.put(layer, measured);
            a.measuredCrossover(measured);
        }
        boolean byEvents = mode == EngineMode.EVENT || density <= crossover(layer);
        a.record(byEvents, density, input.dim(1), byEvents ? byEvents(layer, input, output, weight) : 0);
        return byEvents;
    }

    /**
     * A convolution fed by spikes, with its spiking layer and a pooling layer after it, runs as a
     * {@link FusedBlock} (one sample at a time, intermediate outputs kept in cache) whenever it runs by
     * events: always in "event" mode; in "auto" from the calibration call on (earlier calls run the layers
     * one by one), when its input's density is at most the crossover. For such a block the crossover is
     * measured on the block, not on the convolution alone: the fused block against the layers run one by
     * one with the dense convolution, which is what the two choices cost.
     */
    @Override
    public ForwardContext.Fused forwardFused(List<Layer> chain, int at, Tensor input, ForwardContext ctx, boolean afterSpikingLayer) {
        FusedBlock block = mode == EngineMode.DENSE ? null : FusedBlock.at(chain, at, ctx);
        if (block == null || input.dim(0) != ctx.steps() || (input.dim(0) == 1 && !afterSpikingLayer)) return null;
        Conv2d conv = block.conv();
        LayerActivity a = activity.get(conv.name());
        if (mode == EngineMode.AUTO && (a == null || a.calls() + 1 < CALIBRATION_CALL)) return null;
        float[] weight = transposedWeights.get(conv);
        double density = EventKernels.density(input.data(), input.dim(0) * input.dim(1), input.sizeFrom(2), DENSITY_SAMPLES);
        if (mode == EngineMode.AUTO && a.calls() + 1 == CALIBRATION_CALL && density > 0 && !crossovers.containsKey(conv)) {
            double measured = measureBlockCrossover(block, input, weight, density, ctx);
            crossovers.put(conv, measured);
            a.measuredCrossover(measured);
        }
        if (mode == EngineMode.AUTO && density > crossover(conv)) return null;
        FusedBlock.Result r = block.run(input, weight, ctx);
        activity.computeIfAbsent(conv.name(), k -> new LayerActivity()).recordFused(density, input.dim(1), r.synapticOps());
        return new ForwardContext.Fused(r.output(), block.layers());
    }

    /**
     * As {@link #measureCrossover} for a whole block: the fused block against its layers run one by one
     * with the dense convolution, three times each, in a throwaway context sharing the pass's workspace
     * (nothing recorded in the pass; the arrays recycled, so the least of three runs times no allocation).
     */
    private static double measureBlockCrossover(FusedBlock block, Tensor input, float[] weight, double density, ForwardContext ctx) {
        long fused = Long.MAX_VALUE, layered = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            ForwardContext scratch = ctx.throwaway();
            long start = System.nanoTime();
            scratch.release(block.run(input, weight, scratch).output());
            long middle = System.nanoTime();
            scratch.release(block.runLayered(input, scratch));
            long end = System.nanoTime();
            fused = Math.min(fused, middle - start);
            layered = Math.min(layered, end - middle);
        }
        return MARGIN * density * layered / Math.max(1, fused);
    }

    /** Runs the event kernel of {@code layer} into {@code output}; returns its synaptic operations. */
    private static long byEvents(Layer layer, Tensor input, Tensor output, float[] weight) {
        if (layer instanceof Conv2d c) {
            return EventKernels.convForward(c.geometry(input), input.data(), weight, c.hasBias() ? c.bias().value().data() : null,
                    output.data());
        }
        Linear f = (Linear) layer;
        return EventKernels.linearForward(input.dim(0) * input.dim(1), f.inFeatures(), f.outFeatures(), input.data(), weight,
                f.bias() == null ? null : f.bias().value().data(), output.data());
    }

    /**
     * {@value #MARGIN} × density × (dense time / event time), each time the least of three runs on this
     * input (into {@code output}): the margin keeps a layer whose two kernels are about even on the dense
     * one, which a noisy timing would otherwise flip to the slower.
     */
    private static double measureCrossover(Layer layer, Tensor input, Tensor output, float[] weight, double density) {
        long event = Long.MAX_VALUE, dense = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            byEvents(layer, input, output, weight);
            long middle = System.nanoTime();
            if (layer instanceof Conv2d c) c.forwardDense(input, output);
            else ((Linear) layer).forwardDense(input, output);
            long end = System.nanoTime();
            event = Math.min(event, middle - start);
            dense = Math.min(dense, end - middle);
        }
        return MARGIN * density * dense / Math.max(1, event);
    }
}
