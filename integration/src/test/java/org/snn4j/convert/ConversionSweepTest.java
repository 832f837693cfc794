package org.snn4j.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.encode.DirectEncoder;
import org.snn4j.loss.SoftmaxCrossEntropy;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.neuron.ConvertedNeuronLayer;
import org.snn4j.neuron.NeuronLayer;
import org.snn4j.neuron.Reset;
import org.snn4j.optim.OptimizerKind;
import org.snn4j.train.EvalResult;
import org.snn4j.train.Evaluator;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.Trainer;

/** The conversion sweep on the bundled digits with a small MLP trained for one epoch. */
class ConversionSweepTest {
    private static final String MLP = """
            {"name": "mlp", "input": [1, 28, 28], "classes": 10,
             "layers": [{"type": "flatten"}, {"type": "linear", "out": 64}, {"type": "spike"},
                        {"type": "linear", "out": 32}, {"type": "spike"}, {"type": "linear", "out": 10}, {"type": "readout"}]}""";
    private static Model ann;
    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void trainAnn() {
        train = Datasets.loadBundled(true).subset(1000);
        test = Datasets.loadBundled(false).subset(200);
        ann = ModelBuilder.build(ModelSpec.parse(MLP, "mlp"), ModelBuilder.Mode.ANN, 1);
        TrainConfig sgd = TrainConfig.builder().epochs(1).batch(50).steps(1).lr(0.05).optimizer(OptimizerKind.SGD)
                .weightDecay(5e-4).momentum(0.9).seed(1).build();
        new Trainer(ann, sgd, train, test).fit();
    }

    private static EvalResult evaluate(Model m, int steps, int batch) {
        return Evaluator.run(m, test, steps, new DirectEncoder(), new SoftmaxCrossEntropy(), batch, 1);
    }

    @Test
    void measuresEachMethodAtEachTAsItsOwnConversionDoes() {
        List<ConversionMethod> methods = List.of(ConversionMethod.percentile(99.9, false),
                ConversionMethod.thresholdTuning().withBiasCalibration(), ConversionMethod.percentile(100, false));
        SweepOptions options = SweepOptions.builder(methods, List.of(8, 2)).calibrationSamples(128).tuneSamples(32).errors(true)
                .batch(50).build();
        ConversionSweep sweep = ConversionSweep.prepare(ann, train, test, options);
        Converter.FoldedAnn folded = Converter.foldAndMeasure(ann, train, 128, 50);
        assertEquals(evaluate(folded.ann(), 1, 50).accuracy(), sweep.ann().accuracy(), 0);
        assertTrue(sweep.ann().accuracy() > 0.5, "the ANN learned: " + sweep.ann().accuracy());

        List<String> heard = new ArrayList<>();
        List<Model> tunedSnns = new ArrayList<>();
        List<ConversionSweep.Row> rows = sweep.run((row, snn) -> {
            heard.add(row.methodIndex() + "@" + row.steps());
            if (row.methodIndex() == 1) tunedSnns.add(snn);
        });
        assertEquals(List.of("0@8", "1@8", "2@8", "0@2", "1@2", "2@2"), heard, "T by T, method by method within a T");
        assertEquals(List.of("0@2", "0@8", "1@2", "1@8", "2@2", "2@8"),
                rows.stream().map(r -> r.methodIndex() + "@" + r.steps()).toList(), "by method, then T ascending");

        // A method without tuning is its plain conversion, evaluated at T in batches of at most 1600/T.
        for (ConversionSweep.Row r : rows) {
            assertEquals(methods.get(r.methodIndex()), r.method());
            if (r.method().tuning() != ConversionMethod.Tuning.NONE) continue;
            Converter.Conversion c = Converter.convert(folded.ann(), folded.stats(), options.converterOptions(r.method()));
            assertEquals(c.thresholds(), r.thresholds());
            EvalResult direct = evaluate(c.snn(), r.steps(), sweep.evaluationBatchSize(r.steps()));
            assertEquals(direct.accuracy(), r.result().accuracy(), 0, r.toString());
            assertEquals(direct.overallSpikeRate(), r.result().overallSpikeRate(), 0, r.toString());
        }
        assertEquals(50, sweep.evaluationBatchSize(8));
        assertEquals(32, sweep.tuneBatchSize(8));

        // Tuning moves the thresholds away from the 99.9th percentile's; bias calibration gives every spiking layer its channels.
        ConversionSweep.Row robust = rows.get(1), tuned = rows.get(3);
        assertEquals(8, tuned.steps());
        assertNotEquals(robust.thresholds(), tuned.thresholds());
        for (Model snn : tunedSnns) {
            for (NeuronLayer n : snn.neuronLayers().values()) assertTrue(ConvertedNeuronLayer.channelsOf(n) != null, n.name());
        }
        for (ConversionSweep.Row r : rows) {
            assertEquals(List.copyOf(r.thresholds().keySet()), r.errors().stream().map(ConversionErrors.LayerError::layer).toList());
            assertEquals(test.size(), r.result().samples(), r.toString());
        }
    }

    @Test
    void refusesOptionsNamingTheField() {
        List<ConversionMethod> max = List.of(ConversionMethod.percentile(100, false));
        assertMessage("steps must be > 0, was 0", () -> SweepOptions.builder(max, List.of(4, 0)).build());
        assertMessage("tuneSamples must be > 0", () -> SweepOptions.builder(max, List.of(4)).tuneSamples(0).build());
        assertMessage("thresholdScale must be finite", () -> SweepOptions.builder(max, List.of(4)).thresholdScale(Double.NaN).build());
        assertMessage("burst needs signed", () -> SweepOptions.builder(max, List.of(4)).signed(false, true).build());
        assertMessage("signed needs reset SUBTRACT", () -> SweepOptions.builder(max, List.of(4)).reset(Reset.ZERO).signed(true, false).build());
        assertMessage("methods: give at least one", () -> SweepOptions.builder(List.of(), List.of(4)).build());
        assertMessage("one threshold per layer", () -> new ConversionMethod(new Converter.Percentile(99, true),
                ConversionMethod.Tuning.SPIKE_NORM, false));
        SweepOptions bound = SweepOptions.builder(List.of(ConversionMethod.trainedBound()), List.of(4)).build();
        assertMessage("methods: trained bounds need an ANN with a clip or qcfs activation; mlp has relu",
                () -> ConversionSweep.prepare(ann, train, test, bound));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        Snn4jException e = assertThrows(Snn4jException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
