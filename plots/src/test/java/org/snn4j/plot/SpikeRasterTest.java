package org.snn4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.Executor;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.Presets;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class SpikeRasterTest {
    private static Model w1() {
        return ModelBuilder.build(Presets.byName("w1", new int[] {1, 28, 28}, 10, Presets.Options.defaults()), ModelBuilder.Mode.SNN, 1);
    }

    private static Tensor image() {
        Tensor image = Tensor.zeros(1, 28, 28);
        new Rng(3).fillUniform(image.data(), 0, 1);
        return image;
    }

    @Test
    void showsEveryNeuronOfEverySpikingLayerAsTheRunSpikedIt() {
        Model w1 = w1();
        SpikeRaster raster = SpikeRaster.of(w1, image(), 6, Integer.MAX_VALUE, SpikeRaster.Selection.EVENLY_SPACED);
        assertEquals(6, raster.steps());
        assertEquals(List.copyOf(w1.neuronLayers().keySet()), raster.layers().stream().map(SpikeRaster.Layer::name).toList());
        SpikeRecords records = new SpikeRecords();
        Tensor image = image();
        Executor.dense(w1).forward(image.reshape(Tensor.concat(new int[] {1, 1}, image.shape())),
                ForwardContext.evaluation().withSteps(6).with(records));
        for (SpikeRaster.Layer l : raster.layers()) {
            assertEquals(l.neurons(), l.shown(), "all neurons of " + l.name());
            assertEquals(records.get(l.name()).spikes(), SpikeRaster.count(l), "the pass's own spike count of " + l.name());
            assertEquals(records.get(l.name()).spikes(), l.total());
        }
        assertTrue(raster.layers().stream().anyMatch(l -> SpikeRaster.count(l) > 0), "a random image makes w1 spike");
    }

    @Test
    void showsEvenlySpacedNeuronsOfALargerLayer() {
        SpikeRaster all = SpikeRaster.of(w1(), image(), 4, Integer.MAX_VALUE, SpikeRaster.Selection.EVENLY_SPACED);
        SpikeRaster few = SpikeRaster.of(w1(), image(), 4, 10, SpikeRaster.Selection.EVENLY_SPACED);
        for (int i = 0; i < all.layers().size(); i++) {
            SpikeRaster.Layer a = all.layers().get(i), f = few.layers().get(i);
            assertEquals(10, f.shown());
            for (int r = 0; r < 10; r++) {
                for (int t = 0; t < 4; t++) assertEquals(a.spiked(r * a.neurons() / 10, t, 4), f.spiked(r, t, 4), a.name() + " row " + r);
            }
        }
    }

    @Test
    void showsNeuronsEvenlySpacedOverThoseThatSpiked() {
        SpikeRaster all = SpikeRaster.of(w1(), image(), 4, Integer.MAX_VALUE, SpikeRaster.Selection.EVENLY_SPACED);
        SpikeRaster active = SpikeRaster.of(w1(), image(), 4, 16, SpikeRaster.Selection.ACTIVE);
        for (int i = 0; i < all.layers().size(); i++) {
            SpikeRaster.Layer a = all.layers().get(i), m = active.layers().get(i);
            int[] fired = java.util.stream.IntStream.range(0, a.neurons())
                    .filter(j -> java.util.stream.IntStream.range(0, 4).anyMatch(t -> a.spiked(j, t, 4))).toArray();
            int shown = Math.min(16, fired.length);
            int[] expected = new int[shown];
            for (int r = 0; r < shown; r++) expected[r] = fired[(int) ((long) r * fired.length / shown)];
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, m.indices(), m.name());
            assertEquals(a.total(), m.total());
            for (int r = 0; r < shown; r++) {
                final int row = r;
                assertTrue(java.util.stream.IntStream.range(0, 4).anyMatch(t -> m.spiked(row, t, 4)), m.name() + " row " + r + " spiked");
            }
        }
    }
}
