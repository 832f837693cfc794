package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.loss.SoftmaxCrossEntropy;
import org.snn4j.loss.SummedSquaredError;
import org.snn4j.optim.OptimizerKind;
import org.snn4j.optim.ScheduleSpec;

class TrainConfigTest {
    @Test
    void theBuilderStartsFromTheDocumentedDefaults() {
        TrainConfig c = TrainConfig.builder().build();
        assertEquals(1, c.epochs());
        assertEquals(64, c.batch());
        assertEquals(8, c.steps());
        assertEquals(1e-3, c.lr());
        assertEquals(ScheduleSpec.constant(), c.schedule());
        assertEquals(OptimizerKind.ADAM, c.optimizer());
        assertEquals(0, c.weightDecay());
        assertEquals(0.9, c.momentum());
        assertEquals(EncoderSpec.direct(), c.encoder());
        assertInstanceOf(SoftmaxCrossEntropy.class, c.loss());
        assertEquals(1, c.seed());
        assertNull(c.out());
        assertNull(c.checkpoint());
        assertFalse(c.resume());
        assertEquals(Augment.none(), c.augment());
        assertEquals(SpikePenalty.none(), c.spikePenalty());
        assertEquals(0, c.threads());
        assertEquals(c, TrainConfig.defaults());
    }

    @Test
    void toBuilderKeepsEveryValue() {
        TrainConfig c = TrainConfig.builder().epochs(3).batch(32).steps(20).lr(0.0085).schedule(ScheduleSpec.multiStep(0.2, 1, 2))
                .optimizer(OptimizerKind.SGD).weightDecay(5e-4).momentum(0).encoder(EncoderSpec.bernoulli(0.5))
                .loss(new SummedSquaredError()).seed(9).out(Path.of("m.snn4j")).checkpoint(Path.of("m.ckpt")).resume(true)
                .augment(new Augment(4, true)).spikePenalty(new SpikePenalty(1e-3, SpikePenalty.Schedule.LINEAR)).threads(3).build();
        assertEquals(c, c.toBuilder().build());
        assertEquals(7, c.toBuilder().seed(7).build().seed());
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheField() {
        refuses(b -> b.epochs(0), "epochs must be >= 1, was 0");
        refuses(b -> b.batch(-3), "batch must be >= 1, was -3");
        refuses(b -> b.steps(0), "steps must be >= 1, was 0");
        refuses(b -> b.lr(Double.NaN), "lr must be finite and > 0, was NaN");
        refuses(b -> b.lr(Double.POSITIVE_INFINITY), "lr must be finite and > 0, was Infinity");
        refuses(b -> b.weightDecay(-1), "weightDecay must be >= 0, was -1.0");
        refuses(b -> b.momentum(1), "momentum must be in [0, 1), was 1.0");
        refuses(b -> b.resume(true), "resume needs a checkpoint");
        refuses(b -> b.threads(-1), "threads must be >= 0, was -1");
        refuses(b -> b.schedule(ScheduleSpec.cosine(0.5)), "learning-rate schedule 'cosine:0.5': minimum learning rate must be in "
                + "[0, 0.001], was 0.5");
        assertThrows(NullPointerException.class, () -> TrainConfig.builder().loss(null).build());
    }

    private static void refuses(UnaryOperator<TrainConfig.Builder> change, String message) {
        var e = assertThrows(Snn4jException.class, () -> change.apply(TrainConfig.builder()).build());
        assertEquals(message, e.getMessage().replaceFirst("; expected one of: .*", ""));
    }
}
