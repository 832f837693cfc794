package org.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.nn.Parameter;
import org.snn4j.optim.OptimizerKind;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.TrainResult;
import org.snn4j.train.Trainer;
import org.snn4j.train.TrainingListener;

/**
 * Synchronous data-parallel training on local Spark equals single-machine training: same global batch and
 * seed, one epoch on 384 bundled digits, 2 and 4 partitions. With a gradient chunk the runs are the
 * single-machine run bit for bit, with Adam, Bernoulli input and dropout. Without one, shards sum in another
 * order and draw their own random numbers, so that test uses direct input, no dropout and SGD with momentum,
 * which agrees within 1e-5 of each tensor's scale (Adam: within 1e-4, docs/DISTRIBUTED.md).
 */
@ExtendWith(LocalSpark.class)
class SyncTrainingTest {
    static final String SPEC = """
            {"name": "mlp", "input": [1, 28, 28], "classes": 10,
             "neuron": {"model": "lif", "leak": 0.9, "threshold": 1.0, "reset": "subtract", "surrogate": "triangle"},
             "layers": [{"type": "flatten"}, {"type": "linear", "out": 48}, {"type": "spike"},
                        {"type": "linear", "out": 10}, {"type": "readout"}]}""";
    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void start() {
        train = Datasets.loadBundled(true).subset(384);
        test = Datasets.loadBundled(false).subset(200);
    }

    /** {@link #SPEC} with dropout after the hidden spikes. */
    private static final String DROPOUT_SPEC = SPEC.replace("{\"type\": \"spike\"},", "{\"type\": \"spike\"}, {\"type\": \"dropout\", \"p\": 0.2},");

    static Model model() {
        return model(SPEC);
    }

    private static Model model(String spec) {
        return ModelBuilder.build(ModelSpec.parse(spec, "mlp"), ModelBuilder.Mode.SNN, 3);
    }

    static TrainConfig config(OptimizerKind optimizer) {
        return TrainConfig.builder().epochs(1).batch(64).steps(4).lr(optimizer == OptimizerKind.SGD ? 0.05 : 1e-3)
                .optimizer(optimizer).momentum(0.9).encoder(EncoderSpec.direct()).seed(11).build();
    }

    private static TrainResult trainOnSpark(Model m, TrainConfig cfg, int partitions) {
        try (SparkBackend backend = new SparkBackend(LocalSpark.context(), false, m, cfg, train, partitions)) {
            return new Trainer(m, cfg, train, test, TrainingListener.NONE, backend).fit();
        }
    }

    @Test
    void withAGradientChunkTwoAndFourPartitionsRepeatTheSingleMachineRunBitForBit() {
        // every chunk of 16 draws its Bernoulli spikes and dropout masks from (seed, epoch, batch, chunk), and the
        // driver adds the chunks' gradients in chunk order: the same sums, so the same Adam and SGD steps
        for (OptimizerKind optimizer : List.of(OptimizerKind.ADAM, OptimizerKind.SGD)) {
            TrainConfig cfg = config(optimizer).toBuilder().encoder(EncoderSpec.bernoulli(1)).gradientChunk(16).build();
            Model single = model(DROPOUT_SPEC);
            TrainResult expected = new Trainer(single, cfg, train, test).fit();
            for (int partitions : new int[] {2, 4}) {
                Model m = model(DROPOUT_SPEC);
                TrainResult r = trainOnSpark(m, cfg, partitions);
                String what = optimizer + ", gradient chunk 16, " + partitions + " partitions";
                assertWeightsClose(single, m, 0, what);  // the acceptance asks 1e-5 of the scale; they are equal
                assertEquals(expected.test().accuracy(), r.test().accuracy(), what);
                assertEquals(expected.history().get(0).trainAccuracy(), r.history().get(0).trainAccuracy(), what);
                assertEquals(expected.history().get(0).trainLoss(), r.history().get(0).trainLoss(), what);
                assertEquals(expected.history().get(0).trainSpikeRates(), r.history().get(0).trainSpikeRates(), what);
            }
        }
    }

    @Test
    void withoutAChunkTwoAndFourPartitionsGiveTheSingleMachineWeightsUpToSummationOrder() {
        TrainConfig cfg = config(OptimizerKind.SGD);
        Model single = model();
        TrainResult expected = new Trainer(single, cfg, train, test).fit();
        for (int partitions : new int[] {2, 4}) {
            Model m = model();
            TrainResult r = trainOnSpark(m, cfg, partitions);
            String what = "SGD, " + partitions + " partitions";
            assertWeightsClose(single, m, 1e-5, what);
            assertEquals(expected.test().accuracy(), r.test().accuracy(), what);
            assertEquals(expected.history().get(0).trainAccuracy(), r.history().get(0).trainAccuracy(), what);
            assertEquals(expected.history().get(0).trainLoss(), r.history().get(0).trainLoss(), 1e-6, what);
            assertEquals(expected.history().get(0).trainSpikeRates(), r.history().get(0).trainSpikeRates(), what);
        }
    }

    @Test
    void onePartitionIsTheSingleMachineRunBitForBit() {
        TrainConfig cfg = config(OptimizerKind.ADAM).toBuilder().encoder(EncoderSpec.bernoulli(1)).build();
        Model single = model();
        new Trainer(single, cfg, train, test).fit();
        Model m = model();
        trainOnSpark(m, cfg, 1);
        assertWeightsClose(single, m, 0, "one partition, Bernoulli input");
    }

    /** Every tensor's largest difference is at most {@code relative} times its largest magnitude. */
    static void assertWeightsClose(Model expected, Model actual, double relative, String what) {
        List<Parameter> e = expected.parameters(), a = actual.parameters();
        assertEquals(e.size(), a.size());
        for (int i = 0; i < e.size(); i++) {
            float[] x = e.get(i).value().data(), y = a.get(i).value().data();
            double scale = 0, diff = 0;
            for (int j = 0; j < x.length; j++) {
                scale = Math.max(scale, Math.abs(x[j]));
                diff = Math.max(diff, Math.abs(x[j] - y[j]));
            }
            assertTrue(diff <= relative * scale, what + ": " + e.get(i).name() + " differs by " + diff + " (scale " + scale + ")");
        }
    }
}
