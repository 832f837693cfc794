package org.snn4j.train;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link Trainer#fit()}.
 *
 * @param history                all epochs (including those before a resume)
 * @param test                   the final evaluation on the test set
 * @param trainSamplesPerSecond  mean training throughput of the epochs run in this call
 * @param modelFile              where the trained model was written, or null
 */
public record TrainResult(List<EpochRecord> history, EvalResult test, double trainSamplesPerSecond, Path modelFile) {
}
