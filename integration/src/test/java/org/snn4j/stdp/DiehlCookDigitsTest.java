package org.snn4j.stdp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;

/**
 * Diehl &amp; Cook's network learns digits: 100 neurons after one pass over 1,000 bundled training digits
 * classify 500 test digits better than the same network (same seed, same labelling data) with its initial
 * random weights, both measured here. No tuned threshold: the untrained network is the bar.
 */
class DiehlCookDigitsTest {
    @Test
    void stdpTrainingBeatsTheSameNetworkWithItsInitialWeights() {
        Dataset train = Datasets.loadBundled(true).subset(1000);
        Dataset test = Datasets.loadBundled(false).subset(500);
        DiehlCookConfig config = DiehlCookConfig.defaults(100);

        DiehlCook untrained = new DiehlCook(config, 784);
        untrained.label(train);
        double before = untrained.evaluate(test);

        DiehlCook trained = new DiehlCook(config, 784);
        trained.train(train);
        double after = trained.evaluate(test);

        assertTrue(after > before, "accuracy with initial weights " + before + ", after STDP " + after);
    }
}
