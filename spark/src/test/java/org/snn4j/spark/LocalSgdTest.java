package org.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.snn4j.train.TrainingListener;

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

    private static TrainResult fit(Model m, TrainConfig cfg, int partitions, int syncEvery) {
        try (LocalSgdBackend backend = new LocalSgdBackend(LocalSpark.context(), false, m, cfg, train, partitions, syncEvery)) {
            return new Trainer(m, cfg, train, test, TrainingListener.NONE, backend).fit();
        }
    }

    @Test
    void averagingEveryStepWithPlainSgdIsSingleMachineTraining() {
        TrainConfig cfg = SyncTrainingTest.config(OptimizerKind.SGD).toBuilder().momentum(0).build();
        Model single = SyncTrainingTest.model();
        TrainResult expected = new Trainer(single, cfg, train, test).fit();
        Model m = SyncTrainingTest.model();
        TrainResult r = fit(m, cfg, 3, 1);
        SyncTrainingTest.assertWeightsClose(single, m, 1e-5, "local SGD, K = 1");
        assertEquals(expected.test().accuracy(), r.test().accuracy());
        assertEquals(expected.history().get(0).trainAccuracy(), r.history().get(0).trainAccuracy());
    }

    @Test
    void averagingEveryThreeStepsWithMomentumLearns() {
        TrainConfig cfg = SyncTrainingTest.config(OptimizerKind.SGD).toBuilder().epochs(2).build();
        TrainResult r = fit(SyncTrainingTest.model(), cfg, 2, 3);
        var epochs = r.history();
        assertTrue(epochs.get(1).testAccuracy() > 0.3, "test accuracy " + epochs.get(1).testAccuracy());
        assertTrue(epochs.get(1).trainLoss() < epochs.get(0).trainLoss(), epochs.toString());
    }
}
