package org.snn4j.nn;

import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Sequence;
import org.snn4j.tensor.Tensor;
import org.snn4j.tensor.Workspace;

/**
 * What every layer of one pass over a network needs beyond its input: whether it is training (dropout
 * active, BN on batch statistics), whether layers keep what backward needs, T, the random stream for
 * dropout masks and stochastic encoders, and the workspace its arrays come from. What watches or steers
 * the pass ({@link RunListener}s: op counts, spike tallies, conversion tuners, the spike penalty) is
 * attached with {@link #with}; the layers tell them through {@link #listeners()}.
 *
 * <p>One context serves one pass of a whole network; it is not shared between threads.
 */
public final class ForwardContext {
    private final boolean training;
    private final boolean keepForBackward;
    private final Rng rng;
    private int steps = 1;
    private Workspace workspace;
    private final RunListeners listeners = new RunListeners();

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

    /** Sets T, the steps a one-step sequence is held for ({@link Sequence}); 1 by default. */
    public ForwardContext withSteps(int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, was " + steps);
        this.steps = steps;
        return this;
    }

    /** Lets the layers take their arrays from {@code workspace} (see {@link Workspace}). @return this context */
    public ForwardContext withWorkspace(Workspace workspace) {
        this.workspace = workspace;
        return this;
    }

    /** Attaches {@code listener} to this pass. @return this context */
    public ForwardContext with(RunListener listener) {
        listeners.add(listener);
        return this;
    }

    /** A plain inference context with this pass's steps and workspace and no listeners (for timing alternatives). */
    public ForwardContext throwaway() {
        return evaluation().withSteps(steps).withWorkspace(workspace);
    }

    public boolean training() { return training; }

    public boolean keepForBackward() { return keepForBackward; }

    public Rng rng() { return rng; }

    /** T for one-step (held) sequences; 1 unless set with {@link #withSteps}. */
    public int steps() {
        return steps;
    }

    /** The sequence {@code data} stands for in this pass (held over {@link #steps} when it has one step). */
    public Sequence sequence(Tensor data) {
        return Sequence.of(data, steps);
    }

    /** A zero-filled tensor for an activation or gradient of this pass, valid until the step's owner recycles it. */
    public Tensor zeros(int... shape) {
        return workspace == null ? Tensor.zeros(shape) : workspace.zeros(shape);
    }

    /** As {@link #zeros}, but arbitrary contents: only for an output a kernel documented "overwritten" writes completely. */
    public Tensor empty(int... shape) {
        return workspace == null ? Tensor.zeros(shape) : workspace.empty(shape);
    }

    /** Hands {@code t}'s array back to the workspace before the step ends (a no-op for arrays it did not issue). */
    public void release(Tensor t) {
        listeners.released(t);
        if (workspace != null) workspace.release(t);
    }

    /**
     * An inference pass that nothing looks into or steers and that continues no state ({@link LayerState}):
     * layers may run fused, without intermediate outputs.
     */
    public boolean plainInference() {
        return !keepForBackward && !listeners.anyNeedsEveryLayer();
    }

    /** The listeners attached to this pass, which the layers tell what happens. */
    public RunListeners listeners() {
        return listeners;
    }
}
