package org.snn4j.train;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.snn4j.io.JsonLines;
import org.snn4j.optim.LearningRateSchedule;

/**
 * A run's metrics log: a {@link TrainingListener} that appends one JSON object per epoch to a JSON Lines
 * file ({@link JsonLines}: each line forced to disk as it is written, so a killed run keeps its lines), the
 * file a model's report reads ({@code <model>.metrics.jsonl}, {@link #beside}). Fields (docs/ARCHITECTURE.md,
 * "Metrics log"): {@code kind} "epoch", {@code command}, {@code epoch}, {@code epochs}, {@code train_loss},
 * {@code train_accuracy}, {@code test_accuracy}, {@code learning_rate} (of the epoch's first mini-batch),
 * {@code spike_penalty} (λ of the epoch, only when the run has a penalty), {@code samples_per_second}
 * (training), {@code epoch_seconds} (wall time from the epoch's start to its checkpoint), {@code time} (ISO-8601,
 * UTC), {@code T}, {@code batch}, {@code train_spike_rates} and {@code test_spike_rates} (spikes per neuron per
 * step by layer). A value that is not finite is written as null.
 *
 * <p>A new run (not resumed) starts the log afresh at its first epoch; a resumed run keeps the lines of the
 * epochs its checkpoint holds, drops any later epoch line (of a run that went on past its last checkpoint),
 * and appends from there, so no epoch appears twice. Lines of other kinds (a conversion's) are kept.
 */
public final class MetricsLog implements TrainingListener {
    /** The file name suffix of a model's metrics log. */
    public static final String SUFFIX = ".metrics.jsonl";
    private final Path file;
    private final TrainConfig cfg;
    private final String command;
    private final LearningRateSchedule schedule;
    private boolean started;
    private long epochStart;
    private int batches = 1;

    /**
     * @param file    the log, appended to
     * @param cfg     the run's settings (for the learning rate, λ, T and the batch size of each epoch)
     * @param command what trained ("train", "finetune" or a library user's name), written in every line
     */
    public MetricsLog(Path file, TrainConfig cfg, String command) {
        this.file = file;
        this.cfg = cfg;
        this.command = command;
        this.schedule = cfg.schedule().create(cfg.lr(), cfg.epochs());
    }

    /** The metrics log of the model written to {@code modelFile}: {@code <modelFile>.metrics.jsonl}. */
    public static Path beside(Path modelFile) {
        return Path.of(modelFile + SUFFIX);
    }

    /** The log's file. */
    public Path file() {
        return file;
    }

    @Override
    public void resumed(Path checkpoint, int epochsDone) {
        JsonLines.retain(file, o -> !isEpoch(o) || !o.has("epoch") || o.get("epoch").getAsInt() <= epochsDone);
        started = true;
    }

    @Override
    public void epochStarted(int epoch, int epochs, long samples) {
        if (!started) JsonLines.retain(file, o -> !isEpoch(o));
        started = true;
        epochStart = System.nanoTime();
    }

    @Override
    public void batchEnded(BatchProgress progress) {
        batches = Math.max(1, progress.batches());
    }

    @Override
    public void epochEnded(EpochRecord r, int epochs) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", "epoch");
        o.addProperty("command", command);
        o.addProperty("epoch", r.epoch());
        o.addProperty("epochs", epochs);
        JsonLines.putNumber(o, "train_loss", r.trainLoss());
        JsonLines.putNumber(o, "train_accuracy", r.trainAccuracy());
        JsonLines.putNumber(o, "test_accuracy", r.testAccuracy());
        JsonLines.putNumber(o, "learning_rate", schedule.rate(r.epoch() - 1, 0, batches));
        if (cfg.spikePenalty().max() > 0) JsonLines.putNumber(o, "spike_penalty", cfg.spikePenalty().weight(r.epoch() - 1, epochs));
        JsonLines.putNumber(o, "samples_per_second", r.trainSamplesPerSecond());
        JsonLines.putNumber(o, "epoch_seconds", (System.nanoTime() - epochStart) / 1e9);
        o.addProperty("time", Instant.now().toString());
        o.addProperty("T", cfg.steps());
        o.addProperty("batch", cfg.batch());
        o.add("train_spike_rates", rates(r.trainSpikeRates()));
        o.add("test_spike_rates", rates(r.testSpikeRates()));
        JsonLines.append(file, o);
    }

    private static boolean isEpoch(JsonObject o) {
        return o.has("kind") && "epoch".equals(o.get("kind").getAsString());
    }

    private static JsonObject rates(Map<String, Double> rates) {
        JsonObject o = new JsonObject();
        rates.forEach((layer, rate) -> JsonLines.putNumber(o, layer, rate));
        return o;
    }
}
