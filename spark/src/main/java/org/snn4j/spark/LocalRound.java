package org.snn4j.spark;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.snn4j.data.DataLoader;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.optim.LearningRateSchedule;
import org.snn4j.optim.Optimizer;
import org.snn4j.train.LocalBackend;
import org.snn4j.train.TrainConfig;

/**
 * One local-SGD round as the executors see it: partition p starts from the broadcast weights, buffers and
 * optimizer state, steps through its shards of global mini-batches {@code [first, end)} of the epoch's
 * order, and returns its weights, buffers and state weighted by its share of the round's samples.
 */
record LocalRound(String run, TrainPayload payload, SampleStore data, Broadcast<float[][]> start,
                  Broadcast<int[]> order, int epoch, int first, int end, int batches, int partitions) implements Serializable {
    /** Partition {@code p}'s weighted weights, buffers, optimizer state, loss and correct samples. */
    ShardResult compute(int p) {
        TrainConfig cfg = payload.config();
        int[] idx = order.value();
        int roundSamples = Math.min(idx.length, end * cfg.batch()) - first * cfg.batch();
        LocalBackend replica = Replicas.take(run, payload);
        try {
            var params = replica.model().parameters();
            Flat.setValues(params, start.value()[0]);
            Flat.setValues(replica.model().buffers(), start.value()[1]);
            Optimizer optimizer = cfg.optimizer().create(params, cfg.weightDecay(), cfg.momentum());
            optimizer.loadState(LocalSgdBackend.unflatState(optimizer.state(), toDouble(start.value()[2])));
            LearningRateSchedule schedule = cfg.schedule().create(cfg.lr(), cfg.epochs());
            ShardResult r = ShardResult.empty();
            SpikeRecords tally = new SpikeRecords();
            for (int b = first; b < end; b++) {
                int at = b * cfg.batch(), n = Math.min(cfg.batch(), idx.length - at);
                DataLoader.Batch shard = Shards.batch(data.dataset(), cfg, idx, at, n, partitions, p, epoch, b);
                if (shard == null) continue;
                var outcome = Shards.gradients(replica, shard, batches, tally, cfg, p);
                optimizer.step(schedule.rate(epoch, b, batches));
                r.loss += payload.shardWeight(shard.size(), n) * outcome.loss();
                r.correct += outcome.correct();
                r.samples += shard.size();
            }
            if (r.samples == 0) return ShardResult.empty();
            double w = (double) r.samples / roundSamples;
            r.gradients = new double[Flat.size(params)];
            Flat.addValues(params, w, r.gradients);
            r.buffers = new double[Flat.size(replica.model().buffers())];
            Flat.addValues(replica.model().buffers(), w, r.buffers);
            float[] state = LocalSgdBackend.flatState(optimizer.state());
            r.state = new double[state.length];
            for (int i = 0; i < state.length; i++) r.state[i] = w * state[i];
            r.addSpikes(tally);
            return r;
        } finally {
            Replicas.give(run, payload, replica);
        }
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }
}
