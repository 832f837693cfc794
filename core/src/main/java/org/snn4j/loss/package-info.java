/** Losses on the readout: cross-entropy, Lee's summed squared error, stochastic softmax, spike penalties. */
package org.snn4j.loss;
