package org.snn4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.Snn4jException;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.loss.Loss;
import org.snn4j.loss.Losses;
import org.snn4j.loss.SoftmaxCrossEntropy;
import org.snn4j.loss.SummedSquaredError;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.optim.OptimizerKind;
import org.snn4j.optim.ScheduleSpec;
import org.snn4j.train.Augment;
import org.snn4j.train.SpikePenalty;
import org.snn4j.train.TrainConfig;

/**
 * What an executor needs to compute a shard's gradients or evaluate batches: the model's spec and mode
 * and the settings of the run that shape a forward and backward pass and, for local SGD, an update. Serializable, so Spark can ship it
 * in a task; {@link #config()} and {@link #newModel()} rebuild the objects on the executor.
 *
 * @param loss the loss by the name {@link Losses#byName(String, double)} takes ({@code ce}, {@code mse},
 *             {@code sse}); a stochastic softmax is refused, its noise is drawn per batch
 */
record TrainPayload(String specJson, String mode, int epochs, int batch, int steps, long seed, String encoder,
                    double gain, String loss, double labelSmoothing, int cropPadding, boolean flip, double penaltyMax,
                    String penaltySchedule, LinkedHashMap<String, Double> penaltyWeights, String penaltyNorm, double lr, String schedule,
                    String optimizer, double weightDecay, double momentum, int gradientChunk) implements Serializable {
    /** The payload of {@code model} trained with {@code cfg}. */
    static TrainPayload of(Model model, TrainConfig cfg) {
        Loss l = cfg.loss();
        String name;
        double smoothing = 0;
        if (l instanceof SoftmaxCrossEntropy ce) {
            name = "ce";
            smoothing = ce.labelSmoothing();
        } else if (l instanceof SummedSquaredError sse) {
            name = sse.reduction() == SummedSquaredError.Reduction.SUM ? "sse" : "mse";
        } else {
            throw new Snn4jException("loss '" + l + "' is not supported on Spark yet (ce, mse and sse are)");
        }
        SpikePenalty p = cfg.spikePenalty();
        return new TrainPayload(model.spec().toJson(), model.mode().name(), cfg.epochs(), cfg.batch(), cfg.steps(), cfg.seed(),
                cfg.encoder().kind().label(), cfg.encoder().gain(), name, smoothing, cfg.augment().cropPadding(),
                cfg.augment().flip(), p.max(), p.schedule().label(), new LinkedHashMap<>(p.layerWeights()), p.normalisation().label(), cfg.lr(),
                cfg.schedule().text(), cfg.optimizer().label(), cfg.weightDecay(), cfg.momentum(), cfg.gradientChunk());
    }

    /** The run's settings as the executor's {@link org.snn4j.train.LocalBackend} reads them. */
    TrainConfig config() {
        return TrainConfig.builder().epochs(epochs).batch(batch).steps(steps).seed(seed).lr(lr)
                .schedule(ScheduleSpec.parse(schedule)).optimizer(OptimizerKind.byLabel(optimizer)).weightDecay(weightDecay)
                .momentum(momentum).gradientChunk(gradientChunk)
                .encoder(EncoderSpec.parse(encoder, gain)).loss(Losses.byName(loss, labelSmoothing))
                .augment(new Augment(cropPadding, flip))
                .spikePenalty(new SpikePenalty(penaltyMax, SpikePenalty.Schedule.parse(penaltySchedule), Map.copyOf(penaltyWeights),
                        SpikePenalty.Normalisation.parse(penaltyNorm)))
                .build();
    }

    /** A fresh model of the spec (its weights are set from the driver's before use). */
    Model newModel() {
        return ModelBuilder.build(ModelSpec.parse(specJson, "the driver's model spec"), ModelBuilder.Mode.valueOf(mode), seed);
    }

    /**
     * The weight of a shard of {@code shard} samples in a batch of {@code total}: its share for a loss averaged
     * over the batch, 1 for Lee's summed squared error (a sum over the batch).
     */
    double shardWeight(int shard, int total) {
        return loss.equals("sse") ? 1 : (double) shard / total;
    }
}
