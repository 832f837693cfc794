package org.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.snn4j.convert.ActivationStatistics;
import org.snn4j.convert.Converter;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.neuron.InitialMembrane;
import org.snn4j.neuron.Reset;

/** Distributed calibration merges into the single-machine statistics and so gives the same thresholds. */
@ExtendWith(LocalSpark.class)
class SparkCalibrationTest {

    @Test
    void maximaPercentilesAndThresholdsEqualTheSingleMachines() {
        Model ann = ModelBuilder.build(ModelSpec.parse(SyncTrainingTest.SPEC, "mlp"), ModelBuilder.Mode.ANN, 5);
        Dataset calibration = Datasets.loadBundled(true).subset(400);
        Converter.FoldedAnn single = Converter.foldAndMeasure(ann, calibration, 300, 32);
        Converter.Options options = new Converter.Options(99.9, 1, Reset.SUBTRACT, InitialMembrane.ZERO);
        Converter.Conversion expected = Converter.convert(single.ann(), single.stats(), options);
        for (int partitions : new int[] {3, 4}) {
            ActivationStatistics merged = SparkCalibration.measure(LocalSpark.context(), single.ann(), calibration, 300, 32, partitions);
            assertEquals(single.stats().layers(), merged.layers());
            for (String layer : merged.layers()) {
                assertTrue(merged.percentile(layer, 100) > 0, layer + " was active");
                for (double p : new double[] {100, 99.9, 99, 50}) {
                    assertEquals(single.stats().percentile(layer, p), merged.percentile(layer, p), layer + " p" + p);
                    assertArrayEquals(single.stats().channelPercentiles(layer, p), merged.channelPercentiles(layer, p), layer);
                }
                assertEquals(single.stats().zeroFraction(layer), merged.zeroFraction(layer), layer);
            }
            assertEquals(expected.thresholds(), Converter.convert(single.ann(), merged, options).thresholds());
        }
    }
}
