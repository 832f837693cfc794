package org.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.metrics.OpCounter;
import org.snn4j.model.Model;
import org.snn4j.optim.OptimizerKind;
import org.snn4j.train.EvalResult;
import org.snn4j.train.LocalBackend;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.Trainer;

/** Distributed evaluation merges to exactly the single-machine accuracy, spike counts and operation counts. */
@ExtendWith(LocalSpark.class)
class DistributedEvaluationTest {

    @Test
    void accuracySpikesAndOperationsEqualTheSingleMachinesWithBernoulliInput() {
        Dataset train = Datasets.loadBundled(true).subset(256);
        Dataset test = Datasets.loadBundled(false).subset(300);
        // Bernoulli input: each batch's spikes come from (seed, batch index), wherever the batch is evaluated
        TrainConfig cfg = SyncTrainingTest.config(OptimizerKind.SGD).toBuilder().encoder(EncoderSpec.bernoulli(1)).batch(32).build();
        Model model = SyncTrainingTest.model();
        new Trainer(model, cfg, train, test).fit();
        EvalResult expected = new LocalBackend(model, cfg).evaluate(test);
        for (int partitions : new int[] {3, 4}) {
            EvalResult r;
            try (SparkEvaluation eval = SparkEvaluation.of(LocalSpark.context(), model, cfg, partitions)) {
                r = eval.evaluate(model, test);
            }
            assertEquals(expected.accuracy(), r.accuracy());
            assertEquals(expected.samples(), r.samples());
            assertEquals(expected.spikeRates(), r.spikeRates());
            assertEquals(expected.spikesPerSample(), r.spikesPerSample());
            assertEquals(expected.loss(), r.loss(), 1e-9);
            assertEquals(expected.ops().keySet(), r.ops().keySet());
            for (Map.Entry<String, OpCounter.LayerOps> e : expected.ops().entrySet()) {
                OpCounter.LayerOps a = r.ops().get(e.getKey()), b = e.getValue();
                assertEquals(b.samples(), a.samples());
                assertEquals(b.denseMacs(), a.denseMacs());
                assertEquals(b.acs(), a.acs());
                assertEquals(b.macs(), a.macs());
            }
            assertTrue(r.acsPerSample() > 0, "spikes flowed");
        }
    }
}
