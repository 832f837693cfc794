package org.snn4j.train;

import java.nio.file.Path;

/**
 * Everything a training run needs besides the model and the data.
 *
 * @param epochs       number of epochs (≥ 1)
 * @param batch        mini-batch size (≥ 1)
 * @param steps        T, simulation time steps per sample (≥ 1)
 * @param lr           base learning rate (&gt; 0)
 * @param schedule     learning-rate schedule spec ({@code constant}, {@code cosine}, {@code multistep:…}, …)
 * @param optimizer    {@code sgd}, {@code adam} or {@code adamw}
 * @param weightDecay  L2 / decoupled decay
 * @param momentum     SGD momentum
 * @param encoder      {@code direct} or {@code bernoulli}
 * @param encoderGain  Bernoulli gain c (spike probability c·|x|)
 * @param loss         {@code ce}, {@code sse} or {@code mse}
 * @param seed         seeds weights, shuffling, dropout and encoding
 * @param out          where the trained model is written (null: not written)
 * @param checkpoint   where the per-epoch checkpoint is written (null: none)
 * @param resume       continue from {@code checkpoint}
 * @param progress     draw a progress bar on stderr
 * @param augment      training-set augmentation
 * @param spikePenalty spike-count term of the loss (Allred et al.)
 */
public record TrainConfig(int epochs, int batch, int steps, double lr, String schedule, String optimizer,
                          double weightDecay, double momentum, String encoder, double encoderGain, String loss,
                          long seed, Path out, Path checkpoint, boolean resume, boolean progress, Augment augment,
                          SpikePenalty spikePenalty) {
    public TrainConfig {
        require(epochs >= 1, "--epochs must be >= 1, was " + epochs);
        require(batch >= 1, "--batch must be >= 1, was " + batch);
        require(steps >= 1, "--T must be >= 1, was " + steps);
        require(lr > 0 && Double.isFinite(lr), "--lr must be > 0, was " + lr);
        require(weightDecay >= 0, "--weight-decay must be >= 0, was " + weightDecay);
        require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1), was " + momentum);
        require(encoderGain > 0, "--gain must be > 0, was " + encoderGain);
        require(!resume || checkpoint != null, "--resume needs a checkpoint path");
        java.util.Objects.requireNonNull(augment, "augment");
        java.util.Objects.requireNonNull(spikePenalty, "spikePenalty");
    }

    /** A configuration without a spike penalty. */
    public TrainConfig(int epochs, int batch, int steps, double lr, String schedule, String optimizer, double weightDecay,
                       double momentum, String encoder, double encoderGain, String loss, long seed, Path out, Path checkpoint,
                       boolean resume, boolean progress, Augment augment) {
        this(epochs, batch, steps, lr, schedule, optimizer, weightDecay, momentum, encoder, encoderGain, loss, seed, out,
                checkpoint, resume, progress, augment, SpikePenalty.none());
    }

    /** A configuration without augmentation or spike penalty. */
    public TrainConfig(int epochs, int batch, int steps, double lr, String schedule, String optimizer, double weightDecay,
                       double momentum, String encoder, double encoderGain, String loss, long seed, Path out, Path checkpoint,
                       boolean resume, boolean progress) {
        this(epochs, batch, steps, lr, schedule, optimizer, weightDecay, momentum, encoder, encoderGain, loss, seed, out,
                checkpoint, resume, progress, Augment.none());
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new org.snn4j.Snn4jException(message);
    }

    /** Defaults: 1 epoch, batch 64, T 8, Adam 1e-3 constant, direct input, cross-entropy, seed 1. */
    public static TrainConfig defaults() {
        return new TrainConfig(1, 64, 8, 1e-3, "constant", "adam", 0, 0.9, "direct", 1.0, "ce", 1, null, null, false, false);
    }
}
