package org.snn4j.engine;

/**
 * How often one of a convolution's backward passes (its weight gradient, or its input gradient) ran by events
 * and how often by the GEMM path, over the batches an {@link Executor} trained: part of a {@link LayerActivity}.
 */
public final class BackwardCalls {
    private long events, dense;

    void record(boolean byEvents) {
        if (byEvents) events++;
        else dense++;
    }

    /** Backward calls that ran by events. */
    public long events() {
        return events;
    }

    /** Backward calls that ran by the GEMM path. */
    public long dense() {
        return dense;
    }

    /** Whether the pass ran at all (a convolution trained by this executor). */
    public boolean ran() {
        return events + dense > 0;
    }
}
