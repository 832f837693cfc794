package org.snn4j.train;

import java.util.Map;
import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.Model;
import org.snn4j.optim.Optimizer;

/**
 * Where a {@link Trainer} computes: the gradients of one mini-batch and the evaluation of the test set.
 * The trainer keeps everything else (the sample order, the optimizer step, the schedule, checkpoints,
 * resuming, listeners), so a backend that computes the same gradients elsewhere, on several machines
 * for instance, trains the same model and writes the same files. {@link LocalBackend} computes in this
 * process, as the trainer always did.
 *
 * <p>A backend is made for one model and configuration and used by one trainer on one thread.
 */
public interface TrainingBackend extends AutoCloseable {
    /**
     * Sets every parameter's {@link org.snn4j.nn.Parameter#grad() gradient} to ∂L/∂w of mini-batch
     * {@code batch} of epoch {@code epoch} (L the loss averaged over the batch, plus the spike penalty)
     * at the model's current weights; nothing is updated.
     *
     * @param batches the number of mini-batches of the epoch (a loss may depend on the progress)
     * @param tally   hears the spikes of the batch
     * @return the batch's loss and its correctly classified samples
     * @throws org.snn4j.nn.NumericalException when the loss or a gradient is not finite
     */
    StepOutcome gradients(DataLoader.Batch batch, int epoch, int batches, SpikeRecords tally);

    /**
     * One training step on mini-batch {@code batch}: by default its {@link #gradients} and one step of
     * {@code optimizer} at learning rate {@code rate}. A backend that updates the weights another way overrides
     * it (local SGD takes several steps elsewhere, then sets the averaged weights and optimizer state); the
     * weights and the optimizer's state are the trainer's either way, so checkpoints and resuming work alike.
     */
    default StepOutcome step(DataLoader.Batch batch, int epoch, int batches, SpikeRecords tally, Optimizer optimizer, double rate) {
        StepOutcome r = gradients(batch, epoch, batches, tally);
        optimizer.step(rate);
        return r;
    }

    /** Evaluates the model at its current weights on {@code test} (as {@link Evaluator} does). */
    EvalResult evaluate(Dataset test);

    /** Releases what the backend holds (threads, connections); the local backend holds nothing. */
    @Override
    default void close() {}

    /** The loss of a mini-batch (with the spike penalty) and how many of its samples were classified correctly. */
    record StepOutcome(double loss, long correct) {}

    /**
     * Makes backends by name, found with {@link java.util.ServiceLoader} (a module that computes elsewhere,
     * such as snn4j-spark, provides one), so that a command line can train on them without depending on them.
     */
    interface Provider {
        /** The name a command line selects this provider by (e.g. {@code "spark"}). */
        String name();

        /**
         * A backend for {@code model} trained with {@code cfg} on {@code train}.
         *
         * @param options the provider's own settings by name (e.g. a cluster's address), as given
         * @throws org.snn4j.Snn4jException for an option the provider does not know or cannot use
         */
        TrainingBackend open(Model model, TrainConfig cfg, Dataset train, Map<String, String> options);
    }
}
