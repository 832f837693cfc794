package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.datasets.NDigits;
import org.snn4j.events.Events;
import org.snn4j.events.FrameBinning;
import org.snn4j.events.SparseFrames;
import org.snn4j.metrics.OpCounter;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.Presets;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Tensor;
import org.snn4j.tensor.Workspace;
import org.snn4j.train.EvalResult;
import org.snn4j.train.Evaluator;

/**
 * Event input ({@link Executor#inferEvents}): the first convolution reads the recordings' event lists, no
 * dense frame, and everything that comes out is what the dense frames give.
 */
class EventInputTest {
    private static final int STEPS = 8;

    /** Readout, spikes per layer and operations per layer of one pass. */
    private static Map<String, Object> run(Executor executor, Object input) {
        SpikeRecords spikes = new SpikeRecords();
        OpCounter ops = new OpCounter();
        ForwardContext ctx = ForwardContext.evaluation().withSteps(STEPS).with(ops.forPass()).with(spikes);
        Tensor readout = input instanceof SparseFrames f ? executor.inferEvents(f, ctx) : executor.infer((Tensor) input, ctx);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("readout", java.util.Arrays.toString(readout.data()));
        spikes.byLayer().forEach((layer, s) -> r.put(layer + " spikes", s.spikes()));
        ops.layers().forEach((layer, o) -> r.put(layer + " ops", List.of(o.acsPerSample(), o.macsPerSample(), o.denseMacsPerSample())));
        return r;
    }

    @Test
    void eventListsGiveTheReadoutSpikesAndOperationsOfTheDenseFrames() {
        NDigits digits = NDigits.open(false);
        List<Events> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) batch.add(digits.recording(i));
        for (String split : new String[] {"number", "time"}) {
            SparseFrames frames = SparseFrames.of(FrameBinning.parse(split, STEPS, true), batch);
            Tensor dense = frames.dense();
            for (double width : new double[] {1, 2}) {
                Model model = ModelBuilder.build(Presets.byName("nmnist", new int[] {2, 34, 34}, 10,
                        new Presets.Options(false, 0, width)), ModelBuilder.Mode.SNN, 4);
                Map<String, Object> expected = run(new Executor(model, EngineMode.DENSE), dense);
                assertTrue(expected.get("sn1 spikes") instanceof Long l && l > 0, "the random network spikes: " + expected);
                Executor event = new Executor(model, EngineMode.EVENT);
                assertEquals(expected, run(event, frames), split + " event");
                assertEquals(expected, run(event, dense), split + " event on dense frames");
                assertEquals(2, event.activity().get("conv1").eventCalls(), "both passes ran conv1 by events");
                Executor auto = new Executor(model, EngineMode.AUTO);
                for (int call = 0; call < 4; call++) assertEquals(expected, run(auto, frames), split + " auto " + call);
                assertEquals(expected, run(new Executor(model, EngineMode.DENSE), frames), split + " dense builds the frames");
            }
        }
    }

    @Test
    void evaluatingRecordingsByEventsEqualsEvaluatingTheirFrames() {
        org.snn4j.events.EventDataset digits = NDigits.open(false).limit(40);
        FrameBinning binning = FrameBinning.parse("number", STEPS, true);
        org.snn4j.events.EventTransform flip = new org.snn4j.events.Flip(org.snn4j.events.Flip.Axis.X, 0.5);
        Model model = ModelBuilder.build(Presets.byName("nmnist", new int[] {2, 34, 34}, 10, Presets.Options.defaults()),
                ModelBuilder.Mode.SNN, 6);
        org.snn4j.data.Dataset frames = org.snn4j.events.EventFrames.of(digits, flip, binning, 3);
        EvalResult dense = Evaluator.run(new Executor(model, EngineMode.DENSE), frames, STEPS, new org.snn4j.encode.FramesEncoder(),
                org.snn4j.loss.Losses.byName("ce"), 16, 3, new Workspace(), null);
        for (EngineMode mode : EngineMode.values()) {
            EvalResult events = Evaluator.runEvents(new Executor(model, mode), digits, flip, binning, org.snn4j.loss.Losses.byName("ce"),
                    16, 3, new Workspace(), null);
            assertEquals(dense.accuracy(), events.accuracy(), 0, mode.label());
            assertEquals(dense.loss(), events.loss(), 0, mode.label());
            assertEquals(dense.spikeRates(), events.spikeRates(), mode.label());
            dense.ops().forEach((layer, o) -> assertEquals(o.acsPerSample(), events.ops().get(layer).acsPerSample(), 0,
                    mode.label() + " " + layer));
        }
    }
}
