package org.snn4j.engine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snn4j.events.SparseFrames;
import org.snn4j.kernels.ComputePool;
import org.snn4j.kernels.ConvGeometry;
import org.snn4j.kernels.EventListKernels;
import org.snn4j.model.Model;
import org.snn4j.nn.ChildRunner;
import org.snn4j.nn.Conv2d;
import org.snn4j.nn.Finite;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.ForwardKernel;
import org.snn4j.nn.InputGradientChoice;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Linear;
import org.snn4j.nn.Pass;
import org.snn4j.nn.Pool2d;
import org.snn4j.nn.Sequential;
import org.snn4j.nn.SpikeFlow;
import org.snn4j.nn.WeightGradientChoice;
import org.snn4j.nn.WeightedLayer;
import org.snn4j.tensor.Tensor;

/**
 * Owns every run of a model: training steps, evaluation, conversion passes and benchmarks go through
 * {@link #forward}. The model is compiled once into a {@link Plan} for one of three {@link EngineMode}s
 * (all give identical outputs); a pass then runs the network's composites with the plan as their
 * {@link ChildRunner}. Layers describe the computation; the choices are the executor's:
 * <ul>
 *   <li>in the event modes, every {@link Conv2d} and {@link Linear}, at any depth, whose input carries
 *       spikes (a spiking layer ran before it in the pass, or the input sequence has more than one step,
 *       e.g. a Bernoulli code) computes its output with {@link org.snn4j.kernels.EventKernels} from the non-zero inputs;</li>
 *   <li>at inference (a plain pass, see {@link ForwardContext#plainInference}), a convolution run by
 *       events, its spiking layer and a pooling layer after it run as one {@link FusedBlock}, one sample
 *       at a time, and in every mode a spiking layer and the pooling after it run one sample at a time
 *       ({@link Layer#forwardThenPool});</li>
 *   <li>a pass that keeps what backward needs (training) runs the layers' own forward and backward, except
 *       that in the event modes a weighted layer fed by spikes computes its forward output by events as at
 *       inference, a convolution's weight gradient is summed over its input's events or computed by the GEMM as
 *       the executor chooses ({@link WeightGradientChoice}), its input gradient likewise from its output
 *       gradient's events or by the GEMM path ({@link InputGradientChoice}, where the two give the same bits), and
 *       a plain spiking layer and the average pooling after it run one sample at a time, backward included
 *       ({@link Layer#forwardThenPool}).</li>
 * </ul>
 * The event kernels of the forward are bit-identical to the dense ones, so every mode gives the same spike
 * trains; the event weight gradient equals the GEMM's within rounding.
 *
 * <p>"auto" runs a layer's forward (or a fused block) by events when its input's density (sampled over 32
 * images per batch) is at most the layer's crossover density (and, when asked, a convolution's weight
 * gradient likewise by its own). Each crossover is measured on the machine, per layer, because it depends on the
 * layer's shape (measured 0.03 to 0.20 for the forward, docs/BENCHMARKS.md) and on the kernels: a
 * {@link Crossover} times the two kernels on the layer's own calls {@value Crossover#FIRST_MEASURED_CALL} to
 * {@value Crossover#LAST_MEASURED_CALL}, alternately, each computing that call's real result (earlier calls
 * use {@link #INITIAL_CROSSOVER}). The forward's results never depend on the choice. The weight gradient's
 * choice is measured only when asked ({@link #withMeasuredWeightGradient}): the event sum equals the GEMM's
 * within rounding only, so a timed choice would make training runs differ in their last bits from run to
 * run; by default it is the fixed {@link #WEIGHT_GRADIENT_CROSSOVER}.
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
    /** The forward crossover "auto" uses until a layer's own is measured: W1's second convolution's, about 0.16. */
    public static final double INITIAL_CROSSOVER = 0.16;
    /**
     * The weight-gradient crossover of the event modes unless measured ({@link #withMeasuredWeightGradient}),
     * and the initial one when measured: a convolution whose input is at most this fraction non-zero sums its
     * weight gradient over the input's events. From a Zen 3 AVX2 kernel table (even with the GEMM at 40 % on
     * W1's conv2); on a Zen 4 AVX-512 the two were even near 23 %.
     */
    public static final double WEIGHT_GRADIENT_CROSSOVER = 0.3;

    private final Model model;
    private final EngineMode mode;
    private final Plan plan;
    /** Which kernel runs each layer's forward, fused block and weight gradient. */
    private final KernelChoices choices;
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
        this.choices = new KernelChoices(mode);
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

    /**
     * Makes "auto" choose each convolution's weight-gradient kernel by its measured crossover, as it does the
     * forward's, instead of the fixed {@link #WEIGHT_GRADIENT_CROSSOVER}: faster where the constant is wrong
     * for the machine or the kernels, but the two kernels' sums differ in rounding and a timing decides which
     * runs, so a training run is then no longer reproducible bit for bit from its seed and thread count (nor
     * resumed from a checkpoint into the weights of an uninterrupted run). The forward's choice never changes
     * a result. Returns this executor.
     */
    public Executor withMeasuredWeightGradient() {
        choices.measureWeightGradient();
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
     * The passes still to run before "auto" has measured every crossover it will measure: a layer times its
     * kernels on its calls {@value Crossover#FIRST_MEASURED_CALL} to {@value Crossover#LAST_MEASURED_CALL}, and
     * every pass runs every layer, so no pass after this many times anything. 0 in the other modes. A
     * benchmark warms up with at least this many passes, so that its timed passes run the choices made, not
     * the measuring.
     */
    public int passesUntilCalibrated() {
        return mode == EngineMode.AUTO ? Math.max(0, Crossover.LAST_MEASURED_CALL - passes) : 0;
    }

    /**
     * One pass through the plan: it follows the pass's spikes ({@link SpikeFlow}), which tell whether a
     * layer's input carries spikes.
     */
    private final class PassRunner extends SpikeFlow implements ChildRunner {
        /** The layers whose event weights this pass has brought up to date ({@link #current}). */
        private final Set<Layer> refreshed = Collections.newSetFromMap(new IdentityHashMap<>());

        @Override
        public Pass forward(Layer child, Tensor input, ForwardContext ctx) {
            return switch (plan.step(child)) {
                case Plan.Children c -> c.composite().forward(input, ctx, this);
                case Plan.Synapses s -> synapses(s, input, ctx, SynapseEvents.fedBySpikes(input, carriesSpikes()), refreshed);
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

    /**
     * A weighted layer in an event mode: fed by spikes, its forward output by events or densely
     * ({@link #forwardOutput}); a convolution's weight and input gradients in backward as {@link #weightGradient} and {@link #inputGradient} choose.
     */
    private Pass synapses(Plan.Synapses step, Tensor input, ForwardContext ctx, boolean fedBySpikes, Set<Layer> refreshed) {
        WeightedLayer layer = step.layer();
        ForwardKernel output = fedBySpikes ? (x, y) -> forwardOutput(step, x, y, refreshed) : ForwardKernel.DENSE;
        if (layer instanceof Conv2d c) return c.forward(input, ctx, output, weightGradient(c, fedBySpikes), inputGradient(c));
        return layer.forward(input, ctx, output);
    }

    /** Computes a spike-fed weighted layer's output into {@code output}, by events or densely as the mode chooses. */
    private boolean forwardOutput(Plan.Synapses step, Tensor input, Tensor output, Set<Layer> refreshed) {
        Layer layer = step.layer();
        double density = SynapseEvents.density(input);
        LayerActivity a = activity(layer);
        long ops = choices.forward(layer, density, a,
                () -> SynapseEvents.forward(layer, input, output, current(step, refreshed)),
                () -> {
                    if (layer instanceof Conv2d c) c.forwardDense(input, output);
                    else ((Linear) layer).forwardDense(input, output);
                    return -1L;
                });
        a.record(ops >= 0, density, input.dim(1), Math.max(0, ops));
        return true;
    }

    /**
     * How {@code conv} accumulates its weight gradient in backward: in "event" mode by events when its input
     * carries spikes, else by the GEMM; in "auto" by events when its input's density is at most
     * {@link #WEIGHT_GRADIENT_CROSSOVER}, or, {@link #withMeasuredWeightGradient}, at most the layer's own
     * measured crossover (the GEMM against {@link org.snn4j.kernels.EventWeightGradient} on the layer's real
     * input and output gradient, timed by a {@link Crossover} as the forward's are).
     */
    private WeightGradientChoice weightGradient(Conv2d conv, boolean fedBySpikes) {
        if (mode == EngineMode.EVENT && !fedBySpikes) return WeightGradientChoice.DENSE;
        return (input, byEvents, dense) -> {
            LayerActivity a = activity(conv);
            a.weightGradient().record(choices.weightGradient(conv, SynapseEvents.density(input), a, byEvents, dense));
        };
    }

    /** How {@code conv} computes its input gradient in backward: as {@link KernelChoices#inputGradient} chooses. */
    private InputGradientChoice inputGradient(Conv2d conv) {
        return (g, gradOutput, byEvents, dense) -> activity(conv).inputGradient().record(
                choices.inputGradient(g, () -> SynapseEvents.density(gradOutput), byEvents, dense));
    }

    /**
     * A convolution fed by spikes, with its spiking layer and a pooling layer after it, at inference: either
     * the {@link FusedBlock} by events (one sample at a time, intermediate outputs kept in cache) or its
     * layers one by one with the dense convolution ({@link FusedBlock#runLayered}), which is what the two
     * choices cost, so "auto" measures its crossover on the block, not on the convolution alone (the fused
     * block saves memory traffic that the convolution alone does not show). Null where the block may not run
     * fused (the chain then runs the layers itself).
     */
    private ChildRunner.Fused forwardFused(FusedBlock block, Tensor input, ForwardContext ctx, boolean afterSpikingLayer,
                                           Set<Layer> refreshed) {
        if (!block.fusesIn(ctx) || input.dim(0) != ctx.steps() || !SynapseEvents.fedBySpikes(input, afterSpikingLayer)) return null;
        Conv2d conv = block.conv();
        double density = SynapseEvents.density(input);
        LayerActivity a = activity(conv);
        return choices.block(conv, density, a,
                () -> {
                    FusedBlock.Result r = block.run(input, current((Plan.Synapses) plan.step(conv), refreshed), ctx);
                    a.recordFused(density, input.dim(1), r.synapticOps());
                    return new ChildRunner.Fused(Pass.inferenceOnly(conv.name(), r.output()), block.layers());
                },
                () -> {
                    Tensor out = block.runLayered(input, ctx);
                    a.record(false, density, input.dim(1), 0);
                    return new ChildRunner.Fused(Pass.inferenceOnly(conv.name(), out), block.layers());
                });
    }

    private LayerActivity activity(Layer layer) {
        return activity.computeIfAbsent(layer.name(), k -> new LayerActivity());
    }

    /**
     * The weights the event kernels read for {@code step}: with {@link #withChangingWeights}, first brought up
     * to date unless this pass already did ({@code refreshed}, the pass's record; null: always).
     */
    private float[] current(Plan.Synapses step, Set<Layer> refreshed) {
        if (changingWeights && (refreshed == null || refreshed.add(step.layer()))) step.refresh();
        return step.channelLast();
    }
}
