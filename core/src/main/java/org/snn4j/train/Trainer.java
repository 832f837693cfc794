package org.snn4j.train;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.Snn4jException;
import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;
import org.snn4j.io.AtomicFile;
import org.snn4j.io.Checkpoint;
import org.snn4j.io.FileFormatException;
import org.snn4j.io.TrainState;
import org.snn4j.kernels.ComputePool;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.Model;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.RunBudget;
import org.snn4j.nn.Finite;
import org.snn4j.nn.NumericalException;
import org.snn4j.nn.Parameter;
import org.snn4j.optim.LearningRateSchedule;
import org.snn4j.optim.Optimizer;
import org.snn4j.tensor.Tensor;

/**
 * Trains a model with spike-based BPTT: for each mini-batch, encode the images into T steps, run the
 * whole sequence forward, take the loss on the readout, back-propagate through time, update once.
 *
 * <p>Each epoch ends with a test evaluation and an atomically written checkpoint (weights, buffers,
 * optimizer state, history). A run is deterministic for a given seed and thread count: weights are
 * initialised from the seed, the order of epoch e depends on (seed, e), and each batch's dropout and
 * encoder randomness on (seed, e, batch). So a run resumed from the checkpoint of epoch e ends with
 * exactly the weights of an uninterrupted run.
 *
 * <p>A trainer writes nothing to the console: what it does as it goes (epochs, mini-batches, a resumed
 * checkpoint) reaches a {@link TrainingListener}, if one is given.
 */
public final class Trainer {
    private static final Gson GSON = new Gson();
    private final Model model;
    private final TrainingBackend backend;
    private final TrainConfig cfg;
    private final Dataset train;
    private final Dataset test;
    private final TrainingListener listener;

    /** A trainer that tells no one how training goes (the {@link TrainResult} says how it went). */
    public Trainer(Model model, TrainConfig cfg, Dataset train, Dataset test) {
        this(model, cfg, train, test, TrainingListener.NONE);
    }

    /** @param listener hears each epoch and mini-batch as training goes (see {@link TrainingListener}) */
    public Trainer(Model model, TrainConfig cfg, Dataset train, Dataset test, TrainingListener listener) {
        this(model, cfg, train, test, listener, new LocalBackend(model, cfg));
    }

    /**
     * A trainer whose mini-batch gradients and test evaluations {@code backend} computes (made for this
     * model and configuration); the trainer updates the weights, keeps the schedule and writes the
     * checkpoints as always, so a backend computing the same gradients gives the same run.
     */
    public Trainer(Model model, TrainConfig cfg, Dataset train, Dataset test, TrainingListener listener,
                   TrainingBackend backend) {
        checkData(model.spec(), train, "training", cfg);
        checkData(model.spec(), test, "test", cfg);
        this.model = model;
        this.backend = java.util.Objects.requireNonNull(backend, "backend");
        this.cfg = cfg;
        this.train = train;
        this.test = test;
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** The model's input must be one step of the encoded samples (the sample itself, or one frame of a frames sample). */
    private static void checkData(ModelSpec spec, Dataset d, String what, TrainConfig cfg) {
        int[] step = cfg.encoder().create().stepShape(d.sampleShape(), cfg.steps());
        if (!java.util.Arrays.equals(spec.inputShape(), step)) {
            boolean same = java.util.Arrays.equals(step, d.sampleShape());
            throw new Snn4jException("model '" + spec.name() + "' expects inputs " + java.util.Arrays.toString(spec.inputShape())
                    + ", the " + what + " set '" + d.name() + "' has " + java.util.Arrays.toString(d.sampleShape())
                    + (same ? "" : " (" + cfg.steps() + " frames of " + java.util.Arrays.toString(step) + ")"));
        }
        if (d.numClasses() > spec.classes()) {
            throw new Snn4jException("model '" + spec.name() + "' has " + spec.classes() + " outputs, the " + what
                    + " set '" + d.name() + "' has " + d.numClasses() + " classes");
        }
    }

    /**
     * Runs the configured epochs (continuing a checkpoint when resuming) and returns what was measured;
     * with {@link TrainConfig#threads} set, the training steps and evaluations run in a compute pool of
     * that many threads, closed at the end.
     */
    public TrainResult fit() {
        if (cfg.threads() == 0) return fitInCurrentPool();
        try (ComputePool pool = ComputePool.of(cfg.threads())) {
            return pool.run(this::fitInCurrentPool);
        }
    }

    private TrainResult fitInCurrentPool() {
        cfg.spikePenalty().requireLayers(model.neuronLayers().keySet());
        RunBudget.require(model, cfg.steps(), cfg.batch(), true);
        train.requireSamples();
        test.requireSamples();
        if (cfg.checkpoint() != null) AtomicFile.requireWritable(cfg.checkpoint());
        if (cfg.out() != null) AtomicFile.requireWritable(cfg.out());
        Optimizer optimizer = cfg.optimizer().create(model.parameters(), cfg.weightDecay(), cfg.momentum());
        LearningRateSchedule schedule = cfg.schedule().create(cfg.lr(), cfg.epochs());
        List<EpochRecord> history = new ArrayList<>();
        int first = cfg.resume() ? restore(optimizer, history) : 0;
        double throughputSum = 0;
        int epochsRun = 0;
        EvalResult last = null;
        try (DataLoader loader = DataLoader.over(train).batchSize(cfg.batch()).shuffle(true).seed(cfg.seed())
                .transforms(cfg.augment().transforms()).prefetch(1).build()) {
            for (int epoch = first; epoch < cfg.epochs(); epoch++) {
                EpochRecord r = trainEpoch(loader, epoch, optimizer, schedule);
                last = backend.evaluate(test);
                r = new EpochRecord(r.epoch(), r.trainLoss(), r.trainAccuracy(), last.accuracy(), r.trainSamplesPerSecond(),
                        r.trainSpikeRates(), last.spikeRates());
                history.add(r);
                throughputSum += r.trainSamplesPerSecond();
                epochsRun++;
                if (cfg.checkpoint() != null) save(Checkpoint.Kind.CHECKPOINT, cfg.checkpoint(), optimizer, epoch + 1, history);
                listener.epochEnded(r, cfg.epochs());
            }
        }
        if (last == null) last = backend.evaluate(test);
        if (cfg.out() != null) save(Checkpoint.Kind.MODEL, cfg.out(), null, cfg.epochs(), history);
        return new TrainResult(history, last, epochsRun == 0 ? 0 : throughputSum / epochsRun, cfg.out());
    }

    private EpochRecord trainEpoch(DataLoader loader, int epoch, Optimizer optimizer, LearningRateSchedule schedule) {
        SpikeRecords tally = new SpikeRecords();
        List<Parameter> params = model.parameters();
        double lossSum = 0;
        long correct = 0, seen = 0;
        int batches = loader.batchesPerEpoch();
        long start = System.nanoTime();
        listener.epochStarted(epoch + 1, cfg.epochs(), loader.samplesPerEpoch());
        try (DataLoader.Epoch batchesOfEpoch = loader.epoch(epoch)) {
            for (DataLoader.Batch b : batchesOfEpoch) {
                TrainingBackend.StepOutcome r;
                try {
                    r = step(b, epoch, batches, optimizer, schedule, params, tally);
                } catch (NumericalException e) {
                    boolean kept = cfg.checkpoint() != null && Files.exists(cfg.checkpoint());
                    throw new Snn4jException("training diverged at epoch " + (epoch + 1) + ", batch " + (b.index() + 1) + ": "
                            + e.getMessage() + (kept ? "; the last good checkpoint " + cfg.checkpoint() + " is kept"
                            : "; no epoch had finished, so there is no checkpoint"), e);
                }
                lossSum += r.loss();
                correct += r.correct();
                seen += b.size();
                listener.batchEnded(new TrainingListener.BatchProgress(epoch + 1, b.index() + 1, batches, b.size(), seen,
                        lossSum / (b.index() + 1), (double) correct / seen));
            }
        } finally {
            listener.batchesEnded(epoch + 1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochRecord(epoch + 1, lossSum / Math.max(1, batches), seen == 0 ? 0 : (double) correct / seen, Double.NaN,
                seen / Math.max(seconds, 1e-9), tally.rates(), Map.of());
    }

    /** One mini-batch: the backend's step (gradients by encode, forward, loss, backward through time; the update). */
    private TrainingBackend.StepOutcome step(DataLoader.Batch b, int epoch, int batches, Optimizer optimizer,
                                             LearningRateSchedule schedule, List<Parameter> params, SpikeRecords tally) {
        TrainingBackend.StepOutcome r = backend.step(b, epoch, batches, tally, optimizer, schedule.rate(epoch, b.index(), batches));
        for (Parameter p : params) Finite.check(p.name(), "weights after the update", p.value());  // a diverging step
        return r;
    }

    private void save(Checkpoint.Kind kind, java.nio.file.Path file, Optimizer optimizer, int epochsDone, List<EpochRecord> history) {
        JsonObject state = new JsonObject();
        state.addProperty("epochs_done", epochsDone);
        state.addProperty("seed", cfg.seed());
        state.addProperty("steps", cfg.steps());
        state.addProperty("mode", model.mode().name().toLowerCase(java.util.Locale.ROOT));
        state.addProperty("encoder", cfg.encoder().kind().label());
        state.addProperty("encoder_gain", cfg.encoder().gain());
        state.add(RunSettings.FIELD, RunSettings.toJson(cfg));
        state.add("history", GSON.toJsonTree(history));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("train_state", GSON.toJson(state));
        Map<String, Tensor> optim = optimizer == null ? Map.of() : optimizer.state();
        new Checkpoint(kind, model.spec().toJson(), meta, model.parameterTensors(), model.bufferTensors(), optim).save(file);
    }

    /** Loads the checkpoint into the model and optimizer; returns the number of epochs already done. */
    private int restore(Optimizer optimizer, List<EpochRecord> history) {
        String source = cfg.checkpoint().toString();
        if (!Files.exists(cfg.checkpoint())) throw new FileFormatException(source, "no checkpoint to resume from");
        Checkpoint c = Checkpoint.load(cfg.checkpoint());
        if (c.kind() != Checkpoint.Kind.CHECKPOINT) throw new FileFormatException(source, "is a model file, not a training checkpoint");
        if (!ModelSpec.parse(c.modelSpec(), source).equals(model.spec())) {
            throw new FileFormatException(source, "was written for a different model spec than '" + model.spec().name() + "'");
        }
        TrainState state = TrainState.of(c, source);
        if (!state.has("epochs_done")) throw new FileFormatException(source, "metadata lacks train_state.epochs_done");
        int done = (int) state.integer("epochs_done", 0, 0, Integer.MAX_VALUE);
        long seed = state.integer("seed", cfg.seed(), Long.MIN_VALUE, Long.MAX_VALUE);
        if (seed != cfg.seed()) throw new FileFormatException(source, "was written with seed " + seed + ", not " + cfg.seed());
        RunSettings.requireSame(state, cfg, source);
        model.load(c, source);
        optimizer.loadState(c.optimizerState());
        try {
            List<EpochRecord> h = GSON.fromJson(state.json("history"), new TypeToken<List<EpochRecord>>() {}.getType());
            if (h != null) history.addAll(h);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw state.wrongType("history", "a list of epoch records", state.json("history"));
        }
        listener.resumed(cfg.checkpoint(), done);
        return done;
    }
}
