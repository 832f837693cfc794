package org.snn4j.train;

import java.util.Map;

/**
 * One epoch of training as measured.
 *
 * @param epoch                   1-based epoch number
 * @param trainLoss               mean training loss over the epoch's batches
 * @param trainAccuracy           fraction of training samples classified correctly during the epoch
 * @param testAccuracy            test accuracy after the epoch
 * @param trainSamplesPerSecond   training throughput (forward, backward and update)
 * @param trainSpikeRates         spikes per neuron per step by layer during training
 * @param testSpikeRates          spikes per neuron per step by layer on the test set
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double testAccuracy,
                          double trainSamplesPerSecond, Map<String, Double> trainSpikeRates,
                          Map<String, Double> testSpikeRates) {
}
