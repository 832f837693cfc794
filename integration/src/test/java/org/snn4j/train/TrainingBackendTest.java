package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.snn4j.convert.ActivationStatistics;
import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.engine.Executor;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.nn.Parameter;
import org.snn4j.tensor.Workspace;

/** The seams snn4j-spark computes through, checked on one machine. */
class TrainingBackendTest {
    private static final String SPEC = """
            {"name": "mlp", "input": [1, 28, 28], "classes": 10,
             "neuron": {"model": "lif", "leak": 0.9, "threshold": 1.0, "reset": "subtract", "surrogate": "triangle"},
             "layers": [{"type": "flatten"}, {"type": "linear", "out": 32}, {"type": "spike"},
                        {"type": "dropout", "p": 0.1}, {"type": "linear", "out": 10}, {"type": "readout"}]}""";
    private final Dataset train = Datasets.loadBundled(true).subset(256);
    private final Dataset test = Datasets.loadBundled(false).subset(150);
    private final TrainConfig cfg = TrainConfig.builder().epochs(1).batch(32).steps(3).lr(2e-3)
            .encoder(EncoderSpec.bernoulli(1)).seed(5).build();

    private static Model model(ModelBuilder.Mode mode) {
        return ModelBuilder.build(ModelSpec.parse(SPEC, "mlp"), mode, 9);
    }

    @Test
    void aTrainerThroughAnotherBackendOfTheSameGradientsTrainsTheSameWeights() {
        Model plain = model(ModelBuilder.Mode.SNN);
        new Trainer(plain, cfg, train, test).fit();
        Model m = model(ModelBuilder.Mode.SNN);
        LocalBackend local = new LocalBackend(m, cfg);
        AtomicInteger steps = new AtomicInteger();
        TrainingBackend counting = new TrainingBackend() {
            @Override
            public StepOutcome gradients(DataLoader.Batch batch, int epoch, int batches, SpikeRecords tally) {
                steps.incrementAndGet();
                float before = m.parameters().get(0).value().data()[0];
                StepOutcome r = local.gradients(batch, epoch, batches, tally);
                assertEquals(before, m.parameters().get(0).value().data()[0], "gradients update nothing");
                return r;
            }

            @Override
            public EvalResult evaluate(Dataset d) {
                return local.evaluate(d);
            }
        };
        new Trainer(m, cfg, train, test, TrainingListener.NONE, counting).fit();
        assertEquals(8, steps.get());
        List<Parameter> a = plain.parameters(), b = m.parameters();
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), a.get(i).name());
    }

    @Test
    void batchRangesAddUpToTheWholeEvaluation() {
        Model m = model(ModelBuilder.Mode.SNN);
        EvalResult whole = new LocalBackend(m, cfg).evaluate(test);
        LocalBackend backend = new LocalBackend(m, cfg);
        EvalTotals sum = new EvalTotals();
        for (int[] range : new int[][] {{0, 2}, {2, 3}, {3, 99}}) sum.add(backend.evaluateBatches(test, range[0], range[1]));
        EvalResult parts = sum.result(test.size(), 1);
        assertEquals(whole.accuracy(), parts.accuracy());
        assertEquals(whole.spikeRates(), parts.spikeRates());
        assertEquals(whole.acsPerSample(), parts.acsPerSample());
        assertEquals(whole.denseMacsPerSample(), parts.denseMacsPerSample());
        assertEquals(whole.loss(), parts.loss(), 1e-12);
        assertEquals(5, sum.batches());
        EvalTotals direct = Evaluator.runBatches(Executor.dense(m), test, 3, cfg.encoder().create(), cfg.loss(), 32, 5,
                new Workspace(), null, 4, 5);
        assertEquals(1, direct.batches());
    }

    @Test
    void activationStatisticsOfBatchRangesMergeIntoTheWholes() {
        Model ann = model(ModelBuilder.Mode.ANN);
        ActivationStatistics whole = ActivationStatistics.measure(ann, train, 200, 32);
        ActivationStatistics merged = ActivationStatistics.measureBatches(ann, train, 200, 32, 0, 3)
                .merge(ActivationStatistics.measureBatches(ann, train, 200, 32, 3, 7));
        for (String layer : whole.layers()) {
            for (double p : new double[] {100, 99.5, 50}) {
                assertEquals(whole.percentile(layer, p), merged.percentile(layer, p), layer);
                assertArrayEquals(whole.channelPercentiles(layer, p), merged.channelPercentiles(layer, p), layer);
            }
            assertEquals(whole.zeroFraction(layer), merged.zeroFraction(layer), layer);
        }
    }

    @Test
    void chunksAddToTheWholeBatchsGradientsUpToSummationOrder() {
        // direct input and no dropout: nothing random, so only the order of the sums differs
        String spec = SPEC.replace("{\"type\": \"dropout\", \"p\": 0.1}, ", "");
        TrainConfig direct = cfg.toBuilder().encoder(EncoderSpec.direct()).build();
        DataLoader.Batch batch = firstBatch(direct);
        Model whole = ModelBuilder.build(ModelSpec.parse(spec, "mlp"), ModelBuilder.Mode.SNN, 9);
        Model chunked = ModelBuilder.build(ModelSpec.parse(spec, "mlp"), ModelBuilder.Mode.SNN, 9);
        var a = new LocalBackend(whole, direct).gradients(batch, 0, 8, new SpikeRecords());
        var b = new LocalBackend(chunked, direct.toBuilder().gradientChunk(7).build()).gradients(batch, 0, 8, new SpikeRecords());
        assertEquals(a.correct(), b.correct());
        assertEquals(a.loss(), b.loss(), 1e-6);
        for (int i = 0; i < whole.parameters().size(); i++) {
            float[] x = whole.parameters().get(i).grad().data(), y = chunked.parameters().get(i).grad().data();
            double scale = 0, diff = 0;
            for (int j = 0; j < x.length; j++) {
                scale = Math.max(scale, Math.abs(x[j]));
                diff = Math.max(diff, Math.abs(x[j] - y[j]));
            }
            assertTrue(scale > 0 && diff <= 1e-5 * scale, whole.parameters().get(i).name() + ": " + diff + " of " + scale);
        }
    }

    @Test
    void aChunkComputedAloneIsTheChunkOfTheWholeStep() {
        // Bernoulli input and dropout: a chunk draws from (seed, epoch, batch, chunk), wherever it is computed
        TrainConfig chunkedCfg = cfg.toBuilder().gradientChunk(10).build();
        DataLoader.Batch batch = firstBatch(chunkedCfg);
        Model m = model(ModelBuilder.Mode.SNN);
        LocalBackend backend = new LocalBackend(m, chunkedCfg);
        float[] buffers = new float[0];
        // chunks 3, 1, 0, 2 of 32 samples (sizes 10, 10, 10, 2) on their own, then added in chunk order
        GradientChunks.Result[] alone = new GradientChunks.Result[4];
        for (int k : new int[] {3, 1, 0, 2}) {
            int from = GradientChunks.from(32, 10, k);
            alone[k] = backend.chunk(GradientChunks.slice(batch, from, GradientChunks.from(32, 10, k + 1) - from), k, 8,
                    new SpikeRecords(), buffers);
        }
        assertEquals(2, alone[3].samples());
        GradientChunks.Sum sum = new GradientChunks.Sum(chunkedCfg.loss(), 32);
        assertThrows(IllegalStateException.class, () -> sum.add(alone[1]), "chunk 1 before chunk 0");
        for (GradientChunks.Result r : alone) sum.add(r);
        Model other = model(ModelBuilder.Mode.SNN);
        var outcome = sum.apply(other.parameters(), other.buffers());
        var step = backend.gradients(batch, 0, 8, new SpikeRecords());
        assertEquals(step.loss(), outcome.loss());
        assertEquals(step.correct(), outcome.correct());
        for (int i = 0; i < m.parameters().size(); i++) {
            assertArrayEquals(m.parameters().get(i).grad().data(), other.parameters().get(i).grad().data(), m.parameters().get(i).name());
        }
    }

    private DataLoader.Batch firstBatch(TrainConfig c) {
        try (DataLoader loader = DataLoader.over(train).batchSize(c.batch()).shuffle(true).seed(c.seed()).prefetch(0).build()) {
            return loader.epoch(0).next();
        }
    }
}
