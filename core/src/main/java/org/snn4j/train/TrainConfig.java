package org.snn4j.train;

import java.nio.file.Path;
import java.util.Objects;
import org.snn4j.Snn4jException;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.loss.Loss;
import org.snn4j.loss.SoftmaxCrossEntropy;
import org.snn4j.optim.OptimizerKind;
import org.snn4j.optim.ScheduleSpec;

/**
 * Everything a training run needs besides the model and the data. Made by {@link #builder()}, which
 * starts from the defaults below; the checks name the fields ({@code epochs must be >= 1, was 0}).
 *
 * @param epochs       number of epochs (≥ 1; default 1)
 * @param batch        mini-batch size (≥ 1; default 64)
 * @param steps        T, simulation time steps per sample (≥ 1; default 8)
 * @param lr           base learning rate (finite, &gt; 0; default 1e-3)
 * @param schedule     learning-rate schedule over the epochs (default constant)
 * @param optimizer    the optimizer (default Adam)
 * @param weightDecay  L2 / decoupled decay (≥ 0; default 0)
 * @param momentum     SGD momentum (in [0, 1); default 0.9)
 * @param encoder      how images become input sequences (default direct)
 * @param loss         the loss on the readout (default softmax cross-entropy)
 * @param seed         seeds weights, shuffling, dropout and encoding (default 1)
 * @param out          where the trained model is written (null, the default: not written)
 * @param checkpoint   where the per-epoch checkpoint is written (null, the default: none)
 * @param resume       continue from {@code checkpoint} (default false)
 * @param augment      training-set augmentation (default none)
 * @param spikePenalty spike-count term of the loss, Allred et al. (default none)
 * @param threads      compute threads of the run, training and its evaluations (≥ 0; 0, the default: the
 *                     process-wide pool, {@link org.snn4j.kernels.Parallel#setThreads}); results depend on the
 *                     thread count, not on the pool
 * @param gradientChunk samples per gradient chunk (≥ 0; 0, the default: off). When set, every mini-batch is cut
 *                     into chunks of this many samples (the last may be smaller), each chunk's gradients are
 *                     computed on their own with randomness drawn from (seed, epoch, batch, chunk), and the
 *                     chunks' weighted gradients are added in chunk order in double precision
 *                     ({@link GradientChunks}); machines that compute whole chunks (snn4j-spark) then reproduce
 *                     the step bit for bit whatever the number of partitions. Batch norm normalizes per chunk.
 */
public record TrainConfig(int epochs, int batch, int steps, double lr, ScheduleSpec schedule, OptimizerKind optimizer,
                          double weightDecay, double momentum, EncoderSpec encoder, Loss loss, long seed, Path out,
                          Path checkpoint, boolean resume, Augment augment, SpikePenalty spikePenalty, int threads,
                          int gradientChunk) {
    /** @throws Snn4jException naming the field that is out of range */
    public TrainConfig {
        require(epochs >= 1, "epochs must be >= 1, was " + epochs);
        require(batch >= 1, "batch must be >= 1, was " + batch);
        require(steps >= 1, "steps must be >= 1, was " + steps);
        require(lr > 0 && Double.isFinite(lr), "lr must be finite and > 0, was " + lr);
        require(weightDecay >= 0, "weightDecay must be >= 0, was " + weightDecay);
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), was " + momentum);
        require(!resume || checkpoint != null, "resume needs a checkpoint");
        require(threads >= 0, "threads must be >= 0, was " + threads);
        require(gradientChunk >= 0, "gradientChunk must be >= 0, was " + gradientChunk);
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(augment, "augment");
        Objects.requireNonNull(spikePenalty, "spikePenalty");
        schedule.create(lr, epochs);  // a cosine minimum above lr is refused here, not at the first epoch
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new Snn4jException(message);
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: 1 epoch, batch 64, T 8, Adam at 1e-3 constant, direct input, cross-entropy, seed 1. */
    public static TrainConfig defaults() {
        return builder().build();
    }

    /** A builder holding this configuration's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder().epochs(epochs).batch(batch).steps(steps).lr(lr).schedule(schedule).optimizer(optimizer)
                .weightDecay(weightDecay).momentum(momentum).encoder(encoder).loss(loss).seed(seed).out(out)
                .checkpoint(checkpoint).resume(resume).augment(augment).spikePenalty(spikePenalty).threads(threads)
                .gradientChunk(gradientChunk);
    }

    /** Collects the values (each setter sets the component of its name); {@link #build} checks them. */
    public static final class Builder {
        /** Losses hold no state, so one instance serves every default configuration (which are then equal). */
        private static final Loss CROSS_ENTROPY = new SoftmaxCrossEntropy();
        private int epochs = 1;
        private int batch = 64;
        private int steps = 8;
        private double lr = 1e-3;
        private ScheduleSpec schedule = ScheduleSpec.constant();
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private double weightDecay = 0;
        private double momentum = 0.9;
        private EncoderSpec encoder = EncoderSpec.direct();
        private Loss loss = CROSS_ENTROPY;
        private long seed = 1;
        private Path out;
        private Path checkpoint;
        private boolean resume;
        private Augment augment = Augment.none();
        private SpikePenalty spikePenalty = SpikePenalty.none();
        private int threads;
        private int gradientChunk;

        private Builder() {}

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder batch(int batch) {
            this.batch = batch;
            return this;
        }

        public Builder steps(int steps) {
            this.steps = steps;
            return this;
        }

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder schedule(ScheduleSpec schedule) {
            this.schedule = schedule;
            return this;
        }

        public Builder optimizer(OptimizerKind optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder encoder(EncoderSpec encoder) {
            this.encoder = encoder;
            return this;
        }

        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder out(Path out) {
            this.out = out;
            return this;
        }

        public Builder checkpoint(Path checkpoint) {
            this.checkpoint = checkpoint;
            return this;
        }

        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        public Builder augment(Augment augment) {
            this.augment = augment;
            return this;
        }

        public Builder spikePenalty(SpikePenalty spikePenalty) {
            this.spikePenalty = spikePenalty;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder gradientChunk(int gradientChunk) {
            this.gradientChunk = gradientChunk;
            return this;
        }

        /** @throws Snn4jException naming the field that is out of range */
        public TrainConfig build() {
            return new TrainConfig(epochs, batch, steps, lr, schedule, optimizer, weightDecay, momentum, encoder, loss, seed,
                    out, checkpoint, resume, augment, spikePenalty, threads, gradientChunk);
        }
    }
}
