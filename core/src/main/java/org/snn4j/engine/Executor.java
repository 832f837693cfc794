package org.snn4j.engine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.events.SparseFrames;
import org.snn4j.kernels.ComputePool;
import org.snn4j.kernels.ConvGeometry;
import org.snn4j.kernels.EventKernels;
import org.snn4j.kernels.EventListKernels;
import org.snn4j.model.Model;
import org.snn4j.nn.ChildRunner;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.Finite;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Linear;
import org.snn4j.nn.Pass;
import org.snn4j.nn.Pool2d;
import org.snn4j.nn.Sequential;
import org.snn4j.nn.SpikeFlow;
import org.snn4j.tensor.Tensor;

/**
 * Owns every run of a model: training steps, evaluation, conversion passes and benchmarks go through
 * {@link #forward}. The model is compiled once into a {@link Plan} for one of three {@link EngineMode}s
 * (all give identical outputs); a pass then runs the network's composites with the plan as their
 * {@link ChildRunner}. Layers describe the computation; the choices are the executor's:
 * <ul>
 *   <li>in the event modes, every {@link Conv2d} and {@link Linear}, at any depth, whose input carries
 *       spikes (a spiking layer ran before it in the pass, or the input sequence has more than one step,
 *       e.g. a Bernoulli code) computes its output with {@link EventKernels} from the non-zero inputs;</li>
 *   <li>at inference (a plain pass, see {@link ForwardContext#plainInference}), a convolution run by
 *       events, its spiking layer and a pooling layer after it run as one {@link FusedBlock}, one sample
 *       at a time, and in every mode a spiking layer and the pooling after it run one sample at a time
 *       ({@link Layer#forwardThenPool});</li>
 *   <li>a pass that keeps what backward needs (training) runs the layers' own forward and backward, except
 *       that in the event modes a weighted layer fed by spikes computes its forward output by events as at
 *       inference (its backward stays dense), and a plain spiking layer and the average pooling after it
 *       run one sample at a time, backward included ({@link Layer#forwardThenPool}).</li>
 * </ul>
 * The event kernels are bit-identical to the dense ones, so every mode gives the same spike trains.
 *
 * <p>"auto" runs a layer by events when its input's density (sampled over 32 images per batch) is at most
 * the layer's crossover density. The crossover is measured on the machine, per layer, because it depends
 * on the layer's shape (measured 0.03 to 0.20, docs/BENCHMARKS.md): on the layer's {@value #CALIBRATION_CALL}th
 * call (earlier ones warm up with {@link #INITIAL_CROSSOVER}), both kernels run three times on that
 * batch and the crossover is 0.9 × that batch's density × (dense time / event time), the event kernel's
 * cost being nearly proportional to its events (the 0.9 keeps near-even layers dense). Results never depend on the choice.
 *
 * <p>The event modes copy the weights into the layouts the event kernels read when the executor is built:
 * build a new one after the weights change (a dense executor reads the weights as they are). One executor
 * serves one thread's passes at a time; it records per-layer {@link LayerActivity} across them.
 *
 * <p>An executor given a {@link ComputePool} ({@link #withPool}) runs its passes, forward and backward, on
 * that pool's threads; without one they run in the pool of the calling thread's
 * {@link ComputePool#run}, else in the process-wide one ({@code --threads}). Two executors of one model
 * may so run at once in two threads, each with its own threads, and each gives what it gives alone.
 */
public final class Executor {
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
    private final Plan plan;
    private final Map<Layer, Double> crossovers = new IdentityHashMap<>();
    private final Map<String, LayerActivity> activity = new LinkedHashMap<>();
    /** Where the passes run; null: the caller's pool. */
    private ComputePool pool;
    /** Whether the weights change between passes (training): a layer's event copy is refreshed in each pass that runs it by events. */
    private boolean changingWeights;
    /** The network after its first layer, for {@link #inferEvents}; made when first needed. */
    private Sequential afterFirst;
    /** The passes run so far ({@link #forward} and {@link #inferEvents}), for {@link #passesUntilCalibrated}. */
    private int passes;

    /** An executor for {@code model}; the event modes copy its conv and linear weights now. */
    public Executor(Model model, EngineMode mode) {
        this.model = model;
        this.mode = mode;
        this.plan = Plan.compile(model, mode);
    }

    /** A dense executor: every layer's own kernels. */
    public static Executor dense(Model model) {
        return new Executor(model, EngineMode.DENSE);
    }

    /**
     * What training runs: "auto" ({@link #withChangingWeights}), so that a weighted layer fed by spikes
     * computes its forward by events when its input's density is below its measured crossover.
     */
    public static Executor training(Model model) {
        return new Executor(model, EngineMode.AUTO).withChangingWeights();
    }

    /**
     * Tells this executor that the model's weights change between its passes (an optimizer steps them): the
     * copies the event kernels read are then brought up to date in every pass that runs a layer by events,
     * before its first use in that pass. Returns this executor.
     */
    public Executor withChangingWeights() {
        this.changingWeights = true;
        return this;
    }

    public Model model() {
        return model;
    }

    public EngineMode mode() {
        return mode;
    }

    /**
     * Runs this executor's passes (and their backward) on {@code pool}'s threads from now on; null for
     * the calling thread's pool. The pool stays the caller's to close. Returns this executor.
     */
    public Executor withPool(ComputePool pool) {
        this.pool = pool;
        return this;
    }

    /** The pool this executor's passes run on; null: the calling thread's. */
    public ComputePool pool() {
        return pool;
    }

    /**
     * Runs the model over {@code input} in {@code ctx} (a training pass keeps what backward needs): the pass,
     * whose output is the readout {@code [1, N, classes]}.
     */
    public Pass forward(Tensor input, ForwardContext ctx) {
        ComputePool p = pool;
        if (p == null) return run(input, ctx);
        Pass pass = p.run(() -> run(input, ctx));
        return new Pass() {
            @Override
            public Tensor output() {
                return pass.output();
            }

            @Override
            public Tensor backward(Tensor gradOutput, boolean needInputGrad) {
                return p.run(() -> pass.backward(gradOutput, needInputGrad));
            }
        };
    }

    private Pass run(Tensor input, ForwardContext ctx) {
        passes++;
        PassRunner runner = new PassRunner();
        ctx.with(runner);
        return model.network().forward(input, ctx, runner);
    }

    /** The readout of an inference pass: {@link #forward}'s output. */
    public Tensor infer(Tensor input, ForwardContext ctx) {
        return forward(input, ctx).output();
    }

    /**
     * The readout of an inference pass over event frames given as lists: in the event modes, when the
     * network starts with a convolution, that convolution runs from the lists ({@link EventListKernels}), so
     * no dense frame is built and its cost is in proportion to the events; the layers after it run as
     * {@link #infer} runs them. Otherwise (the dense mode, another first layer, a pass that keeps what
     * backward needs, frames other than the pass's steps) the frames are built and run by {@link #infer}.
     * Either way the readout, the spikes and the counted operations are those of {@code
     * infer(frames.dense(), ctx)}, bit for bit.
     */
    public Tensor inferEvents(SparseFrames frames, ForwardContext ctx) {
        Sequential net = model.network();
        if (mode == EngineMode.DENSE || ctx.keepForBackward() || net.size() < 2 || !(net.get(0) instanceof Conv2d conv)
                || frames.steps() != ctx.steps()) {
            return infer(frames.dense(), ctx);
        }
        ComputePool p = pool;
        return p == null ? fromEvents(conv, frames, ctx) : p.run(() -> fromEvents(conv, frames, ctx));
    }

    /** {@link #inferEvents} in the event modes: the first convolution from the lists, then the rest of the chain. */
    private Tensor fromEvents(Conv2d conv, SparseFrames frames, ForwardContext ctx) {
        int[] in = frames.shape();
        int[] out = conv.outputShape(new int[] {in[2], in[3], in[4]});
        int k = conv.kernel();
        ConvGeometry g = new ConvGeometry(in[0] * in[1], in[2], in[3], in[4], conv.outChannels(), k, k, conv.stride(), conv.stride(),
                conv.padding(), conv.padding());
        Tensor y = ctx.empty(in[0], in[1], out[0], out[1], out[2]);
        float[] weight = current((Plan.Synapses) plan.step(conv), null);
        passes++;
        long ops = EventListKernels.convForward(g, frames.start(), frames.index(), frames.value(), weight,
                conv.hasBias() ? conv.bias().value().data() : null, y.data());
        ctx.listeners().synapseEvents(conv.name(), in[1], (long) out[0] * out[1] * out[2] * in[2] * k * k, ops);
        Finite.check(conv.name(), "output", y);
        double density = (double) frames.nonZero() / ((long) in[0] * in[1] * in[2] * in[3] * in[4]);
        activity.computeIfAbsent(conv.name(), name -> new LayerActivity()).record(true, density, in[1], ops);
        if (afterFirst == null) {
            List<Layer> layers = model.network().children();
            afterFirst = new Sequential(model.network().name(), layers.subList(1, layers.size()));
            plan.addChain(afterFirst, mode);
        }
        PassRunner runner = new PassRunner();
        ctx.with(runner);
        return afterFirst.forward(y, ctx, runner).output();
    }

    /** Per conv and linear layer that ran fed by spikes, by name in the order they first ran. */
    public Map<String, LayerActivity> activity() {
        return Collections.unmodifiableMap(activity);
    }

    /**
     * The passes still to run before "auto" has measured every crossover it will measure: a layer measures
     * its own on its {@value #CALIBRATION_CALL}th call (or never, if that call has no events), and every
     * pass runs every layer, so no pass after this many measures anything. 0 in the other modes. A benchmark warms up with at least this many passes, so that its timed passes run the
     * choices made, not the measuring.
     */
    public int passesUntilCalibrated() {
        return mode == EngineMode.AUTO ? Math.max(0, CALIBRATION_CALL - passes) : 0;
    }

    /** The crossover density "auto" uses for {@code layer} now (the initial one until measured). */
    public double crossover(Layer layer) {
        return crossovers.getOrDefault(layer, INITIAL_CROSSOVER);
    }

    /**
     * One pass through the plan: it follows the pass's spikes ({@link SpikeFlow}), which tell whether a
     * layer's input carries spikes.
     */
    private final class PassRunner extends SpikeFlow implements ChildRunner {
        /** The layers whose event weights this pass has brought up to date ({@link #current}). */
        private final java.util.Set<Layer> refreshed = Collections.newSetFromMap(new IdentityHashMap<>());

        @Override
        public Pass forward(Layer child, Tensor input, ForwardContext ctx) {
            return switch (plan.step(child)) {
                case Plan.Children c -> c.composite().forward(input, ctx, this);
                case Plan.Synapses s -> s.layer().forward(input, ctx, (x, y) -> byEventsIfChosen(s, x, y, carriesSpikes(), refreshed));
                case Plan.Own o -> o.layer().forward(input, ctx);
            };
        }

        @Override
        public Fused fused(List<Layer> chain, int at, Tensor input, ForwardContext ctx) {
            FusedBlock block = ctx.plainInference() ? plan.block(chain, at) : null;
            Fused fused = block == null ? null : forwardFused(block, input, ctx, carriesSpikes(), refreshed);
            if (fused != null || at + 1 >= chain.size() || !(chain.get(at + 1) instanceof Pool2d<?> pool)) return fused;
            Pass pooled = chain.get(at).forwardThenPool(input, pool, ctx);
            return pooled == null ? null : new Fused(pooled, 2);
        }
    }

    /** Runs a weighted layer by events into {@code output} when this executor's mode chooses to; false for its dense kernel. */
    private boolean byEventsIfChosen(Plan.Synapses step, Tensor input, Tensor output, boolean afterSpikingLayer,
                                     java.util.Set<Layer> refreshed) {
        Layer layer = step.layer();
        if (input.dim(0) == 1 && !afterSpikingLayer) return false;
        float[] weight = current(step, refreshed);
        double density = EventKernels.density(input.data(), input.dim(0) * input.dim(1), input.sizeFrom(2), DENSITY_SAMPLES);
        LayerActivity a = activity.computeIfAbsent(layer.name(), k -> new LayerActivity());
        calibrateOnce(layer, a, density, () -> measureCrossover(layer, input, output, weight, density));
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
    private ChildRunner.Fused forwardFused(FusedBlock block, Tensor input, ForwardContext ctx, boolean afterSpikingLayer,
                                           java.util.Set<Layer> refreshed) {
        if (!block.fusesIn(ctx) || input.dim(0) != ctx.steps() || (input.dim(0) == 1 && !afterSpikingLayer)) return null;
        Conv2d conv = block.conv();
        LayerActivity a = activity.get(conv.name());
        if (mode == EngineMode.AUTO && (a == null || a.calls() + 1 < CALIBRATION_CALL)) return null;
        float[] weight = current((Plan.Synapses) plan.step(conv), refreshed);
        double density = EventKernels.density(input.data(), input.dim(0) * input.dim(1), input.sizeFrom(2), DENSITY_SAMPLES);
        calibrateOnce(conv, a, density, () -> measureBlockCrossover(block, input, weight, density, ctx));
        if (mode == EngineMode.AUTO && density > crossover(conv)) return null;
        FusedBlock.Result r = block.run(input, weight, ctx);
        activity.computeIfAbsent(conv.name(), k -> new LayerActivity()).recordFused(density, input.dim(1), r.synapticOps());
        return new ChildRunner.Fused(Pass.inferenceOnly(conv.name(), r.output()), block.layers());
    }

    /**
     * In "auto", on {@code layer}'s {@value #CALIBRATION_CALL}th call with any events, measures its crossover
     * ({@code measure}) once and keeps it for the layer and in its activity record.
     */
    private void calibrateOnce(Layer layer, LayerActivity a, double density, java.util.function.DoubleSupplier measure) {
        if (mode != EngineMode.AUTO || a.calls() + 1 != CALIBRATION_CALL || !(density > 0) || crossovers.containsKey(layer)) return;
        double measured = measure.getAsDouble();
        crossovers.put(layer, measured);
        a.measuredCrossover(measured);
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

    /**
     * The weights the event kernels read for {@code step}: with {@link #withChangingWeights}, first brought up
     * to date unless this pass already did ({@code refreshed}, the pass's record; null: always).
     */
    private float[] current(Plan.Synapses step, java.util.Set<Layer> refreshed) {
        if (changingWeights && (refreshed == null || refreshed.add(step.layer()))) step.refresh();
        return step.channelLast();
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
