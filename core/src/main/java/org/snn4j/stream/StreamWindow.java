package org.snn4j.stream;

import java.util.Map;

/**
 * What the network gave for one window of a stream.
 *
 * @param index      the window's number, from 0
 * @param startUs    the window's start in sensor time (µs): its first event's time for a count window
 * @param endUs      the window's end (exclusive) for a duration window; its last event's time for a count window
 * @param events     events in the window (after the transforms)
 * @param readout    the readout so far, U[t]/t after the window's step ({@code [classes]}; the array is the window's own)
 * @param prediction the running prediction: the class of the largest readout so far (the first on ties)
 * @param spikes     spikes per spiking layer during the window, by layer name in network order
 * @param acs        synaptic accumulates (AC) the window's step cost
 * @param macs       multiply-accumulates the window's step cost (layers fed by analog values: the first layer
 *                   reads event counts)
 * @param energyJ    the energy of those operations in joules, by the stream's energy model
 * @param latencyNs  nanoseconds from the moment the stream held the window's last event (the event or end of
 *                   input that closed it), or finished the window before when that was later, to this output:
 *                   binning, the network's step and the counting
 */
public record StreamWindow(long index, long startUs, long endUs, int events, float[] readout, int prediction,
                           Map<String, Long> spikes, double acs, double macs, double energyJ, long latencyNs) {
    /** Spikes of every layer during the window. */
    public long totalSpikes() {
        long s = 0;
        for (long v : spikes.values()) s += v;
        return s;
    }
}
