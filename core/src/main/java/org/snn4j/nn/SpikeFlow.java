package org.snn4j.nn;

/**
 * Follows, through one pass, whether the values that flow are spikes: from the first spiking layer on, until a
 * layer turns spike trains into analog values ({@link SpikeListener#analog}), until the next spiking layer.
 * What a weighted layer's input carries decides how its synapses are charged and whether events can drive it.
 */
public class SpikeFlow implements SpikeListener {
    private boolean carriesSpikes;

    @Override
    public void spikes(String layer, long spikes, int neurons, int steps, int samples) {
        carriesSpikes = true;
    }

    @Override
    public void analog() {
        carriesSpikes = false;
    }

    /** Whether a spiking layer has run in this pass and no layer has turned its spikes into analog values since. */
    public boolean carriesSpikes() {
        return carriesSpikes;
    }
}
