package org.snn4j.engine;

import java.util.Arrays;
import org.snn4j.Snn4jException;
import org.snn4j.events.SparseFrames;
import org.snn4j.kernels.ComputePool;
import org.snn4j.metrics.OpCounter;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.neuron.IntegratingReadout;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Tensor;
import org.snn4j.tensor.Workspace;

/**
 * A model run as a batch of independent streams fed a few time steps at a time: frames or events as they
 * arrive, for a service that cannot wait for a whole sequence. The session keeps every stream's state
 * between calls (every spiking layer's membranes, a signed neuron's net spike count, the readout's
 * accumulated membrane and step count; see {@link org.snn4j.nn.LayerState}) and each call runs one pass of
 * that many steps through its {@link Executor}, the layers continuing where the last call left them.
 *
 * <p>What a call reports ({@link Step}): the <em>readout so far</em> of every stream, U[t]/t, the readout
 * membrane after the stream's t steps divided by t (the integrating readout's own arithmetic), and the
 * spikes of every spiking layer during the call. After a stream's T steps, fed one at a time or in chunks,
 * the readout and every spike are bit for bit those of {@link Executor#forward} over the whole
 * {@code [T, N, ...]} sequence (or over a direct input {@code [1, N, ...]} held for T steps, fed here as
 * the same step T times), in every {@link EngineMode}. One exception needs the session told T: signed
 * burst neurons cap their net spike count at T, so a session on such a network is opened with that
 * {@code horizon}.
 *
 * <p>The passes are inference only and run the layers one by one (no fused blocks: their state could not
 * be continued), convolutions and linear layers still by events in the event modes. A hybrid ANN/SNN
 * network cannot stream: its ANN layers read the rate of the whole sequence, which no prefix of it gives.
 *
 * <p>Not thread-safe: one session serves one thread. Sessions on the same model may run in several
 * threads at once, each with its own state and executor; the model is only read (do not train it or load
 * weights while sessions run; a session in an event mode keeps the weights of when it was opened).
 */
public final class Session {
    private final Executor executor;
    private final int streams;
    private final StreamStates states;
    private final int[] seen;
    /** The arrays of a call's activations, handed back at the start of the next call (the readout is copied out). */
    private final Workspace workspace = new Workspace();
    /** Counts every pass's synaptic operations when set ({@link #countingOps}); null: not counted. */
    private OpCounter ops;

    /** A session of {@code streams} streams on {@code model}, whose dynamics do not depend on T. */
    public Session(Model model, EngineMode mode, int streams) {
        this(model, mode, streams, Integer.MAX_VALUE);
    }

    /**
     * A session whose streams stand for sequences of {@code horizon} steps (the T a signed burst neuron caps
     * its net count at; other neurons ignore it).
     *
     * @throws Snn4jException when the model is an ANN or a hybrid network
     */
    public Session(Model model, EngineMode mode, int streams, int horizon) {
        if (streams < 1) throw new IllegalArgumentException("streams must be >= 1, was " + streams);
        if (horizon < 1) throw new IllegalArgumentException("horizon must be >= 1, was " + horizon);
        if (model.mode() != ModelBuilder.Mode.SNN) throw new Snn4jException("a session runs a spiking network, not an ANN");
        long readouts = model.layers().stream().filter(l -> l instanceof IntegratingReadout).count();
        if (readouts > 1) {
            throw new Snn4jException("a hybrid network cannot stream: its ANN layers read the rate of the whole sequence");
        }
        this.executor = new Executor(model, mode);
        this.streams = streams;
        this.states = new StreamStates(streams, horizon);
        this.seen = new int[streams];
    }

    /**
     * What one call gave.
     *
     * @param readout every stream's readout after the call's last step, {@code [streams, classes]}
     * @param spikes  the spikes every spiking layer emitted during the call, over all streams
     * @param steps   the steps the call ran
     */
    public record Step(Tensor readout, SpikeRecords spikes, int steps) {}

    /** Runs one step: {@code input} is {@code [streams, ...]}, one step of every stream's input. */
    public Step step(Tensor input) {
        checkStreams(input, 0);
        return run(input.reshape(Tensor.concat(new int[] {1}, input.shape())), 1);
    }

    /**
     * Runs the steps of {@code chunk}, {@code [t, streams, ...]}, in one pass: the readout after the last of
     * them and the spikes of all (call {@link #step} for a report per step).
     */
    public Step steps(Tensor chunk) {
        if (chunk.rank() < 2) throw new IllegalArgumentException("a chunk is [t, streams, ...], not " + chunk.shapeString());
        checkStreams(chunk, 1);
        return run(chunk, chunk.dim(0));
    }

    /**
     * Runs the steps of event frames given as lists ({@code frames.samples()} must be the streams), in one
     * pass through {@link Executor#inferEvents}: in the event modes a first convolution reads the lists, so no
     * dense frame is built; the readout and spikes are those of {@code steps(frames.dense())}, bit for bit.
     */
    public Step steps(SparseFrames frames) {
        if (frames.samples() != streams) {
            throw new IllegalArgumentException("event frames of " + frames.samples() + " samples on a session of " + streams + " streams");
        }
        SpikeRecords spikes = new SpikeRecords();
        Tensor out = executor.inferEvents(frames, context(frames.steps(), spikes));
        return finish(out, spikes, frames.steps());
    }

    /**
     * Counts the synaptic operations of every later pass into {@code counter} (null: stop counting); returns
     * this session.
     */
    public Session countingOps(OpCounter counter) {
        this.ops = counter;
        return this;
    }

    /** Runs {@code steps} steps of the same input {@code [streams, ...]} (a direct input current) in one pass. */
    public Step hold(Tensor input, int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, was " + steps);
        checkStreams(input, 0);
        return run(input.reshape(Tensor.concat(new int[] {1}, input.shape())), steps);
    }

    /** Every stream starts afresh; the next input may have another sample shape. */
    public void reset() {
        states.reset();
        Arrays.fill(seen, 0);
    }

    /** Stream {@code stream} starts afresh with the next call; the others continue. */
    public void reset(int stream) {
        if (stream < 0 || stream >= streams) throw new IndexOutOfBoundsException("stream " + stream + " of " + streams);
        states.reset(stream);
        seen[stream] = 0;
    }

    /** The steps stream {@code stream} has run since it started afresh. */
    public int stepsSeen(int stream) {
        return seen[stream];
    }

    public int streams() {
        return streams;
    }

    /** Runs this session's passes on {@code pool}'s compute threads (its own thread setting); returns this session. */
    public Session withPool(ComputePool pool) {
        executor.withPool(pool);
        return this;
    }

    /** The executor the passes run through (its per-layer activity covers this session's calls). */
    public Executor executor() {
        return executor;
    }

    private Step run(Tensor sequence, int steps) {
        SpikeRecords spikes = new SpikeRecords();
        Tensor out = executor.infer(sequence, context(steps, spikes));
        return finish(out, spikes, steps);
    }

    private ForwardContext context(int steps, SpikeRecords spikes) {
        workspace.recycle();                                            // nothing of the last call is referenced
        ForwardContext ctx = ForwardContext.evaluation().withSteps(steps).with(states).with(spikes).withWorkspace(workspace);
        return ops == null ? ctx : ctx.with(ops.forPass());
    }

    private Step finish(Tensor out, SpikeRecords spikes, int steps) {
        for (int n = 0; n < streams; n++) seen[n] += steps;
        // a copy: out's array may be the workspace's, which the next call reuses
        return new Step(out.reshape(out.shapeFrom(1)).copy(), spikes, steps);
    }

    private void checkStreams(Tensor input, int streamDim) {
        if (input.rank() <= streamDim || input.dim(streamDim) != streams) {
            throw new IllegalArgumentException("input " + input.shapeString() + ": dimension " + streamDim + " must be the "
                    + streams + " streams");
        }
    }

    @Override
    public String toString() {
        return "Session(" + streams + " streams, " + executor.mode() + ")";
    }
}
