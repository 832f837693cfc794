package org.snn4j.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Session;
import org.snn4j.events.EventTransform;
import org.snn4j.events.Events;
import org.snn4j.metrics.EnergyModel;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;

class WindowPolicyTest {
    @Test
    void parsesDurationsAndCounts() {
        assertEquals(new WindowPolicy.Duration(1000), WindowPolicy.parse("1ms"));
        assertEquals(new WindowPolicy.Duration(500), WindowPolicy.parse("500us"));
        assertEquals(new WindowPolicy.Duration(500_000), WindowPolicy.parse("0.5s"));
        assertEquals(new WindowPolicy.Count(2000), WindowPolicy.parse("2000ev"));
        for (String bad : new String[] {"", "1", "0ms", "-3us", "0.5us", "2.5ev", "ms", "1 h"}) {
            assertThrows(IllegalArgumentException.class, () -> WindowPolicy.parse(bad), bad);
        }
    }

    /** A 1×3 sensor into one linear layer: the windows' bounds and event counts by hand. */
    @Test
    void cutsWindowsByHandIncludingEmptyOnes() {
        Model model = ModelBuilder.build(ModelSpec.parse("""
                {"name": "w", "input": [1, 1, 3], "classes": 2, "neuron": {"model": "if", "threshold": 1.0},
                 "layers": [{"type": "flatten"}, {"type": "linear", "out": 2}, {"type": "readout"}]}""", "test"), ModelBuilder.Mode.SNN, 1);
        // times 100, 150, 420, 430, 999: windows of 100 us from 100 -> [100,200) 2, [200,300) 0, [300,400) 0, [400,500) 2, ... [900,1000) 1
        Events rec = Events.of(3, 1, new long[] {100, 150, 420, 430, 999}, new short[] {0, 1, 2, 0, 1}, new short[5], new byte[] {1, 1, 0, 1, 1});
        List<StreamWindow> w = new ArrayList<>();
        StreamSummary s = new EventStream(new Session(model, EngineMode.DENSE, 1), new WindowPolicy.Duration(100), EventTransform.IDENTITY,
                false, EnergyModel.FP32_45NM).run(EventSource.of(rec, 2), w::add);
        assertEquals(9, w.size());
        assertEquals(List.of(2, 0, 0, 2, 0, 0, 0, 0, 1), w.stream().map(StreamWindow::events).toList());
        assertEquals(400, w.get(3).startUs());
        assertEquals(500, w.get(3).endUs());
        assertEquals(899, s.recordingUs());
        assertEquals(5, s.events());
        w.clear();
        new EventStream(new Session(model, EngineMode.DENSE, 1), new WindowPolicy.Count(2), EventTransform.IDENTITY, false,
                EnergyModel.FP32_45NM).run(EventSource.of(rec, 3), w::add);
        assertEquals(List.of(2, 2, 1), w.stream().map(StreamWindow::events).toList());
        assertEquals(420, w.get(1).startUs());
        assertEquals(430, w.get(1).endUs());
    }

    @Test
    void refusesASensorThatDoesNotFitTheModel() {
        Model model = ModelBuilder.build(ModelSpec.parse("""
                {"name": "w", "input": [2, 1, 3], "classes": 2, "neuron": {"model": "if", "threshold": 1.0},
                 "layers": [{"type": "flatten"}, {"type": "linear", "out": 2}, {"type": "readout"}]}""", "test"), ModelBuilder.Mode.SNN, 1);
        Events rec = Events.of(4, 1, new long[] {1}, new short[] {0}, new short[1], new byte[] {1});
        EventStream stream = new EventStream(new Session(model, EngineMode.EVENT, 1), new WindowPolicy.Count(1), EventTransform.IDENTITY, true,
                EnergyModel.FP32_45NM);
        var e = assertThrows(org.snn4j.Snn4jException.class, () -> stream.run(EventSource.of(rec, 1), w -> {}));
        assertEquals("the stream's frames are [2, 1, 4] (a 4x1 sensor after the transforms, 2 channel(s)) but the model reads [2, 1, 3]: "
                + "crop or downsample the sensor, or set the polarity channels", e.getMessage());
    }

    @Test
    void percentilesAreNearestRank() {
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) v[i] = i + 1;
        assertEquals(50, EventStream.rank(v, 0.5));
        assertEquals(99, EventStream.rank(v, 0.99));
        assertEquals(3, EventStream.rank(new long[] {3}, 0.99));
    }
}
