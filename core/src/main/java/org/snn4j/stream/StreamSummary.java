package org.snn4j.stream;

/**
 * A stream's totals when its source ended.
 *
 * @param windows      windows run (network steps)
 * @param events       events read (after the transforms)
 * @param recordingUs  sensor time from the first to the last event (µs)
 * @param processingNs wall time from the first batch's arrival to the last window's output, waiting for the
 *                     source excluded
 * @param processingCpuNs CPU time of the thread running the stream over the same spans (all of the work when
 *                     the compute pool has one thread, which then runs on the caller): the cost on a machine
 *                     that other processes also load
 * @param prediction   the final running prediction (-1 when there was no window)
 * @param spikes       spikes of every layer over the stream
 * @param acs          synaptic accumulates over the stream
 * @param energyJ      energy of the stream's operations in joules
 * @param latencyMedianNs median window latency ({@link StreamWindow#latencyNs})
 * @param latencyP99Ns 99th percentile of the window latency (nearest rank)
 */
public record StreamSummary(long windows, long events, long recordingUs, long processingNs, long processingCpuNs, int prediction, long spikes, double acs,
                            double energyJ, long latencyMedianNs, long latencyP99Ns) {
    /** Events per second of processing time. */
    public double eventsPerSecond() {
        return processingNs == 0 ? 0 : events / (processingNs / 1e9);
    }

    /** Recording time over the stream thread's CPU time ({@link #realTimeFactor} on an unloaded core). */
    public double realTimeFactorCpu() {
        return processingCpuNs == 0 ? 0 : recordingUs * 1e3 / processingCpuNs;
    }

    /** Recording time over processing time: above 1, the stream runs faster than the sensor records. */
    public double realTimeFactor() {
        return processingNs == 0 ? 0 : recordingUs * 1e3 / processingNs;
    }
}
