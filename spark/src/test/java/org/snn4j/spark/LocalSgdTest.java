package org.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.model.Model;
import org.snn4j.optim.OptimizerKind;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.TrainResult;
import org.snn4j.train.Trainer;

/** Local SGD: averaging after every step is the synchronous step; averaging every K steps still learns (3 × chance after 2 short epochs). */
@ExtendWith(LocalSpark.class)
class LocalSgdTest {
    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void start() {
        train = Datasets.loadBundled(true).subset(384);
        test = Datasets.loadBundled(false).subset(200);
    }

    @Test
    void averagingEveryStepWithPlainSgdIsSingleMachineTraining() {
        TrainConfig cfg = SyncTrainingTest.config(OptimizerKind.SGD).toBuilder().momentum(0).build();
        Model single = SyncTrainingTest.model();
        TrainResult expected = new Trainer(single, cfg, train, test).fit();
        Model m = SyncTrainingTest.model();
        List<LocalSgd.Epoch> epochs = new LocalSgd(LocalSpark.context(), 3, 1).fit(m, cfg, train, test);
        SyncTrainingTest.assertWeightsClose(single, m, 1e-5, "local SGD, K = 1");
        assertEquals(expected.test().accuracy(), epochs.get(0).testAccuracy());
        assertEquals(6, epochs.get(0).rounds());  // 384 samples in batches of 64
    }

    @Test
    void averagingEveryThreeStepsWithMomentumLearns() {
        TrainConfig cfg = SyncTrainingTest.config(OptimizerKind.SGD).toBuilder().epochs(2).build();
        List<LocalSgd.Epoch> epochs = new LocalSgd(LocalSpark.context(), 2, 3).fit(SyncTrainingTest.model(), cfg, train, test);
        assertEquals(2, epochs.get(1).rounds());
        assertTrue(epochs.get(1).testAccuracy() > 0.3, "test accuracy " + epochs.get(1).testAccuracy());
        assertTrue(epochs.get(1).trainLoss() < epochs.get(0).trainLoss(), epochs.toString());
    }
}
