package org.snn4j.convert;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.encode.DirectEncoder;
import org.snn4j.loss.SoftmaxCrossEntropy;
import org.snn4j.metrics.EnergyModel;
import org.snn4j.model.AnnActivation;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.neuron.InitialMembrane;
import org.snn4j.neuron.Reset;
import org.snn4j.optim.OptimizerKind;
import org.snn4j.tensor.Tensor;
import org.snn4j.train.EvalResult;
import org.snn4j.train.Evaluator;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.Trainer;

/**
 * The conversion claims C1-C4 of shared/papers.md §6.3 on the MLP of its pilot (784-400-400-10, no biases,
 * SGD momentum 0.9, lr 0.05, batch 100, wd 5e-4, 4 epochs), trained as an ANN on Fashion-MNIST and
 * converted with direct (analog) input, evaluated on the first 2,000 test images, as in the pilot.
 * Needs Fashion-MNIST at its default place ({@code .ci/run} installs it); skipped without it.
 */
class ConversionClaimsTest {
    private static final String MLP = """
            {"name": "mlp", "input": [1, 28, 28], "classes": 10,
             "layers": [{"type": "flatten"}, {"type": "linear", "out": 400}, {"type": "spike"},
                        {"type": "linear", "out": 400}, {"type": "spike"}, {"type": "linear", "out": 10}, {"type": "readout"}]}""";
    private static Converter.FoldedAnn folded;
    private static Dataset train;
    private static Dataset test;
    private static double annAccuracy;

    @BeforeAll
    static void trainAnn() {
        assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of(Datasets.FASHION_MNIST_DIR)),
                "Fashion-MNIST is not installed at " + Datasets.FASHION_MNIST_DIR);
        train = Datasets.load("fashion-mnist", null, true);
        test = Datasets.load("fashion-mnist", null, false).subset(2000);
        Model ann = ModelBuilder.build(ModelSpec.parse(MLP, "mlp"), ModelBuilder.Mode.ANN, 1);
        new Trainer(ann, pilotTraining(4), train, test).fit();
        annAccuracy = accuracy(ann, 1);
        folded = Converter.foldAndMeasure(ann, train, 2000, 100);
    }

    private static Tensor calibrationBatch(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return train.images(idx);
    }

    /** The pilot's SGD: momentum 0.9, constant lr 0.05, batch 100, wd 5e-4, one step of direct input. */
    private static TrainConfig pilotTraining(int epochs) {
        return TrainConfig.builder().epochs(epochs).batch(100).steps(1).lr(0.05).optimizer(OptimizerKind.SGD).weightDecay(5e-4)
                .momentum(0.9).build();
    }

    private static double accuracy(Model m, int steps) {
        return evaluate(m, steps).accuracy();
    }

    private static EvalResult evaluate(Model m, int steps) {
        return Evaluator.run(m, test, steps, new DirectEncoder(), new SoftmaxCrossEntropy(), 100, 1);
    }

    private static EvalResult snn(Converter.Options o, int steps) {
        return evaluate(Converter.convert(folded.ann(), folded.stats(), o).snn(), steps);
    }

    private static double snnAccuracy(Converter.Options o, int steps) {
        return snn(o, steps).accuracy();
    }

    /** Accuracy, ACs per image and the ANN/SNN energy ratio (45 nm fp32), for docs/EXPERIMENTS.md. */
    private static String report(EvalResult r) {
        return String.format("%.4f (%.3g ACs, energy ANN/SNN %.2f)", r.accuracy(), r.acsPerSample(),
                r.annEnergyJoules(EnergyModel.FP32_45NM) / r.energyJoules(EnergyModel.FP32_45NM));
    }

    @Test
    void c1ConversionConvergesToTheAnnAndImprovesWithT() {
        Converter.Options robust = Converter.Options.robust();
        EvalResult r16 = snn(robust, 16), r32 = snn(robust, 32), r64 = snn(robust, 64);
        double t16 = r16.accuracy(), t32 = r32.accuracy(), t64 = r64.accuracy();
        System.out.printf("C1: ANN %.4f  SNN p99.9 T=16 %s T=32 %s T=64 %s%n", annAccuracy, report(r16), report(r32), report(r64));
        assertTrue(Math.abs(t64 - annAccuracy) <= 0.01, "T=64 " + t64 + " vs ANN " + annAccuracy);
        assertTrue(t32 >= t16 - 0.003 && t64 >= t32 - 0.003, t16 + " " + t32 + " " + t64);
    }

    @Test
    void c2RobustNormalizationBeatsMaxNormalizationAtLowTAndAgreesAtHighT() {
        Converter.Options max = new Converter.Options(100, 1, Reset.SUBTRACT, InitialMembrane.ZERO);
        EvalResult r8 = snn(Converter.Options.robust(), 8), m8 = snn(max, 8);
        double robust8 = r8.accuracy(), max8 = m8.accuracy();
        double robust64 = snnAccuracy(Converter.Options.robust(), 64), max64 = snnAccuracy(max, 64);
        System.out.printf("C2: T=8 p99.9 %s max %s; T=64 p99.9 %.4f max %.4f%n", report(r8), report(m8), robust64, max64);
        assertTrue(robust8 - max8 >= 0.05, "T=8: p99.9 " + robust8 + " vs max " + max8);
        assertTrue(Math.abs(robust64 - max64) <= 0.005, "T=64: " + robust64 + " vs " + max64);
    }

    @Test
    void c3LowerThresholdsTradeSpikesForLatency() {
        Converter.Options lowered = new Converter.Options(99.9, 0.4, Reset.SUBTRACT, InitialMembrane.ZERO);
        EvalResult base = snn(Converter.Options.robust(), 4), low = snn(lowered, 4);
        // Spike counts compared where both codes have settled, as in the pilot (T = 128).
        double spikeRatio = snn(lowered, 128).spikesPerSample() / snn(Converter.Options.robust(), 128).spikesPerSample();
        System.out.printf("C3: T=4 c=1 %s c=0.4 %s, spikes at T=128 x%.2f%n", report(base), report(low), spikeRatio);
        assertTrue(low.accuracy() - base.accuracy() >= 0.15, "T=4: c=0.4 " + low.accuracy() + " vs c=1 " + base.accuracy());
        assertTrue(spikeRatio >= 1.5 && spikeRatio <= 4, "spikes x" + spikeRatio);
    }

    @Test
    void thresholdTuningRecoversLowTAccuracy() {
        Converter.Options robust = Converter.Options.robust();
        Converter.Conversion base = Converter.convert(folded.ann(), folded.stats(), robust);
        Tensor batch = calibrationBatch(128);
        double[] before = new double[9], after = new double[9];
        for (int t : new int[] {4, 8}) {
            Converter.Conversion tuned = ThresholdTuning.tune(base, folded.ann(), robust, batch, t, ThresholdTuning.DEFAULT_GRID);
            EvalResult tunedResult = evaluate(tuned.snn(), t);
            before[t] = evaluate(base.snn(), t).accuracy();
            after[t] = tunedResult.accuracy();
            System.out.printf("tuning: T=%d p99.9 %.4f tuned %s (ANN %.4f) thresholds %s%n", t, before[t], report(tunedResult), annAccuracy,
                    tuned.thresholds());
        }
        // Tuning for the target T does what lowering every threshold does at T = 4 (C3: >= 15 pp) and
        // brings T = 8 within 1 pp of the ANN (TTRBR: negligible loss at a small number of steps).
        assertTrue(after[4] - before[4] >= 0.15, "T=4: tuned " + after[4] + " vs p99.9 " + before[4]);
        assertTrue(annAccuracy - after[8] <= 0.01, "T=8: tuned " + after[8] + " vs ANN " + annAccuracy);
    }

    @Test
    void biasCalibrationRecoversLowTAccuracy() {
        Converter.Options robust = Converter.Options.robust();
        Converter.Conversion base = Converter.convert(folded.ann(), folded.stats(), robust);
        Tensor batch = calibrationBatch(128);
        StringBuilder table = new StringBuilder();
        double[] before = new double[9], after = new double[9];
        for (int t : new int[] {2, 4, 8}) {
            Converter.Conversion calibrated = BiasCalibration.calibrate(base, folded.ann(), robust, batch, t, BiasCalibration.DEFAULT_ITERATIONS);
            EvalResult calibratedResult = evaluate(calibrated.snn(), t);
            before[t] = evaluate(base.snn(), t).accuracy();
            after[t] = calibratedResult.accuracy();
            table.append(String.format(" T=%d %.4f -> %s", t, before[t], report(calibratedResult)));
        }
        System.out.printf("bias calibration (ANN %.4f), p99.9 -> p99.9+bias:%s%n", annAccuracy, table);
        // The bars of threshold tuning's claim above: the same recovery with the thresholds left alone.
        assertTrue(after[4] - before[4] >= 0.15, "T=4: calibrated " + after[4] + " vs p99.9 " + before[4]);
        assertTrue(annAccuracy - after[8] <= 0.01, "T=8: calibrated " + after[8] + " vs ANN " + annAccuracy);
    }

    /**
     * C4, with the pilot's protocol: the QCFS twin (L = 8) of the ReLU net starts from its weights with
     * λ_l held fixed at the ReLU net's 99.9th percentile of layer l, is fine-tuned for 2 epochs with the
     * same SGD, and is converted with θ_l = λ_l, subtract reset, V[0] = θ/2 against V[0] = 0.
     *
     * <p>With λ trained as well (the authors' training) the first half still holds (measured: QCFS ANN
     * 87.70 %, SNN 87.75 % at T = 4) but V[0] = θ/2 beats V[0] = 0 by only 4.6 pp (87.75 vs 83.15 %):
     * training lowers λ (sn1 3.71 → 2.19, sn2 3.10 → 1.77), and the finer step λ/T shrinks the flooring
     * bias that the half-threshold start removes. docs/EXPERIMENTS.md records both.
     */
    @Test
    void c4QcfsWithHalfThresholdStartMatchesItsAnnAtFourSteps() {
        Model qcfs = ModelBuilder.build(ModelSpec.parse(MLP, "mlp").withAnnActivation(AnnActivation.qcfs(8, 8.0).withFixedBound()),
                ModelBuilder.Mode.ANN, 1);
        Map<String, Tensor> bounds = new LinkedHashMap<>();
        Map<String, Float> initialBounds = new LinkedHashMap<>();
        for (String layer : folded.stats().layers()) {
            initialBounds.put(layer, folded.stats().percentile(layer, 99.9));
            bounds.put(layer + ".bound", Tensor.full(initialBounds.get(layer), 1));
        }
        qcfs.load(folded.ann().parameterTensors(), bounds, "the ReLU net");
        new Trainer(qcfs, pilotTraining(2), train, test).fit();
        double annQcfs = accuracy(qcfs, 1);
        Converter.Conversion half = Converter.convert(qcfs, null, Converter.Options.qcfs());
        Converter.Conversion zero = Converter.convert(qcfs, null, Converter.Options.trainedBound(1, Reset.SUBTRACT, InitialMembrane.ZERO));
        StringBuilder table = new StringBuilder();
        double half4 = 0, zero4 = 0;
        for (int t : new int[] {1, 2, 4, 8, 16, 32, 64}) {
            EvalResult halfResult = evaluate(half.snn(), t);
            double h = halfResult.accuracy(), z = evaluate(zero.snn(), t).accuracy();
            table.append(t == 4 ? String.format(" T=4 %s/%.4f", report(halfResult), z) : String.format(" T=%d %.4f/%.4f", t, h, z));
            if (t == 4) {
                half4 = h;
                zero4 = z;
            }
        }
        System.out.printf("C4: ReLU ANN %.4f, QCFS ANN %.4f; λ fixed at %s; SNN v0=θ/2 / v0=0:%s%n", annAccuracy, annQcfs,
                initialBounds, table);
        assertTrue(Math.abs(half4 - annQcfs) <= 0.01, "T=4 v0=θ/2 " + half4 + " vs QCFS ANN " + annQcfs);
        assertTrue(half4 - zero4 >= 0.15, "T=4: v0=θ/2 " + half4 + " vs v0=0 " + zero4);
    }
}
