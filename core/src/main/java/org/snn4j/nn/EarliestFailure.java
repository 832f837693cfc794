package org.snn4j.nn;

/**
 * The NaN or infinity that a run in order would have met first, among those that parallel pieces met in
 * whatever order their threads ran: each piece offers the one it met (a piece stops at its first), the caller
 * throws the earliest when all are done. Earliest means the lowest stage (the layer a layer-by-layer run checks
 * first), then the lowest index in that layer's tensor; so a fused or parallel pass reports what the unfused
 * serial one reports, whatever the thread count and timing.
 */
public final class EarliestFailure {
    private NumericalException earliest;
    private int earliestStage;

    /** Keeps {@code failure}, met in stage {@code stage} (0 the first checked), if it comes before the one kept. */
    public synchronized void offer(int stage, NumericalException failure) {
        if (earliest == null || stage < earliestStage || stage == earliestStage && failure.index() < earliest.index()) {
            earliest = failure;
            earliestStage = stage;
        }
    }

    /** Throws the earliest failure offered, if any. */
    public synchronized void throwIfAny() {
        if (earliest != null) throw earliest;
    }
}
