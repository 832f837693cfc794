package org.snn4j.train;

import java.nio.file.Path;

/**
 * What a {@link Trainer} tells as it trains: where a resumed run starts, each epoch's start, every
 * mini-batch's running figures, the end of an epoch's mini-batches, and each epoch's record. Every method
 * does nothing by default, so a listener overrides only what it shows; {@link #NONE} hears nothing. The
 * library writes no progress anywhere itself: the command line prints its progress bar and epoch lines
 * from these calls.
 *
 * <p>The calls come on the thread that runs {@link Trainer#fit()}, in the order above. An exception thrown
 * by a listener stops the run and leaves {@code fit()} (tests stop runs this way to simulate a killed
 * process).
 */
public interface TrainingListener {
    /** Hears nothing. */
    TrainingListener NONE = new TrainingListener() {};

    /** A listener that passes every call to each of {@code listeners}, in order. */
    static TrainingListener all(TrainingListener... listeners) {
        java.util.List<TrainingListener> each = java.util.List.of(listeners);
        return new TrainingListener() {
            @Override
            public void resumed(Path checkpoint, int epochsDone) {
                each.forEach(l -> l.resumed(checkpoint, epochsDone));
            }

            @Override
            public void epochStarted(int epoch, int epochs, long samples) {
                each.forEach(l -> l.epochStarted(epoch, epochs, samples));
            }

            @Override
            public void batchEnded(BatchProgress progress) {
                each.forEach(l -> l.batchEnded(progress));
            }

            @Override
            public void batchesEnded(int epoch) {
                each.forEach(l -> l.batchesEnded(epoch));
            }

            @Override
            public void epochEnded(EpochRecord record, int epochs) {
                each.forEach(l -> l.epochEnded(record, epochs));
            }
        };
    }

    /**
     * The run continues a checkpoint.
     *
     * @param checkpoint the checkpoint file resumed
     * @param epochsDone the epochs it holds, which this run does not train again
     */
    default void resumed(Path checkpoint, int epochsDone) {}

    /**
     * An epoch's training starts.
     *
     * @param epoch   1-based epoch number
     * @param epochs  the epochs of the whole run
     * @param samples the training samples the epoch will see
     */
    default void epochStarted(int epoch, int epochs, long samples) {}

    /** A mini-batch was trained (forward, backward and update). */
    default void batchEnded(BatchProgress progress) {}

    /**
     * The epoch's mini-batches are over, also when one of them failed (the failure follows this call); the
     * epoch's test evaluation comes next.
     *
     * @param epoch 1-based epoch number
     */
    default void batchesEnded(int epoch) {}

    /**
     * An epoch is over: trained, tested, and its checkpoint (when the run writes one) on disk.
     *
     * @param record what the epoch measured
     * @param epochs the epochs of the whole run
     */
    default void epochEnded(EpochRecord record, int epochs) {}

    /**
     * The running figures of an epoch after one of its mini-batches.
     *
     * @param epoch     1-based epoch number
     * @param batch     1-based number of the mini-batch within the epoch
     * @param batches   mini-batches of the epoch
     * @param size      samples in this mini-batch
     * @param seen      samples of the epoch trained so far, this mini-batch included
     * @param meanLoss  mean loss (spike penalty included) over the epoch's mini-batches so far
     * @param accuracy  fraction of the epoch's samples so far classified correctly
     */
    record BatchProgress(int epoch, int batch, int batches, int size, long seen, double meanLoss, double accuracy) {}
}
