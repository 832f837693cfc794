package org.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.snn4j.data.DataLoader;
import org.snn4j.datasets.Datasets;
import org.snn4j.model.Model;
import org.snn4j.optim.OptimizerKind;
import org.snn4j.train.TrainConfig;

/**
 * A shard task that fails and is run again by Spark gives the same step result: the task reads only the
 * step's broadcasts. (A lost executor makes Spark run its tasks again the same way; killing an executor JVM is
 * not tested here.)
 */
@ExtendWith(LocalSpark.class)
class TaskRetryTest {
    @Test
    void aFailedShardRunAgainGivesTheSameGradientSum() {
        JavaSparkContext jsc = LocalSpark.context();  // local[2, 4]: each task may fail up to 3 times before the job fails
        var train = Datasets.loadBundled(true).subset(128);
        Model model = SyncTrainingTest.model();
        TrainConfig cfg = SyncTrainingTest.config(OptimizerKind.SGD);
        DataLoader.Batch batch;
        try (DataLoader loader = DataLoader.over(train).batchSize(64).shuffle(true).seed(cfg.seed()).prefetch(0).build()) {
            batch = loader.epoch(0).next();
        }
        Broadcast<SampleBlock> data = jsc.broadcast(SampleBlock.of(train));
        Broadcast<float[][]> weights = jsc.broadcast(new float[][] {Flat.values(model.parameters()), Flat.values(model.buffers())});
        ShardTask task = new ShardTask(UUID.randomUUID().toString(), TrainPayload.of(model, cfg), SampleStore.broadcast(data), weights, batch.indices(), 0,
                0, 2, 2);
        List<Integer> ids = List.of(0, 1);
        ShardResult clean = jsc.parallelize(ids, 2).map(task::compute).treeReduce(ShardResult::plus, 2);
        ShardResult retried = jsc.parallelize(ids, 2).map(p -> {
            if (p == 1 && TaskContext.get().attemptNumber() == 0) throw new IllegalStateException("simulated lost task");
            return task.compute(p);
        }).treeReduce(ShardResult::plus, 2);
        assertArrayEquals(clean.gradients, retried.gradients);  // two summands: the order cannot matter
        assertEquals(clean.loss, retried.loss);
        assertEquals(clean.correct, retried.correct);
        assertEquals(64, retried.samples);
        data.destroy();
        weights.destroy();
    }
}
