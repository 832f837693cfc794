package org.snn4j.examples.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import org.snn4j.data.Dataset;
import org.snn4j.encode.Encoder;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Session;
import org.snn4j.kernels.ComputePool;
import org.snn4j.kernels.Gemm;
import org.snn4j.loss.Accuracy;
import org.snn4j.model.ModelFile;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Embedding snn4j in an application: a spiking network trained by snn4j's command line, loaded from the
 * class path, classifies digits that arrive one time step at a time, as frames from a sensor or events
 * from a queue would.
 *
 * <p>The steps, each a few lines below:
 * <ol>
 *   <li>Load the model file from the class path ({@link ModelFile#read(InputStream, String)}): the network
 *       with its weights, and the settings it was trained with (T, the input code).</li>
 *   <li>Open a {@link Session} for {@code streams} independent streams: one call of {@link Session#step}
 *       advances every stream by one time step and keeps each stream's state (membranes, the readout's
 *       accumulated potential) for the next call.</li>
 *   <li>Give the session its compute threads ({@link Session#withPool} with a {@link ComputePool}); without
 *       one it uses the process-wide threads (all cores).</li>
 *   <li>Encode every digit into T input frames with the encoder the model was trained with (direct: the
 *       image itself at every step; Bernoulli: random spikes), feed frame after frame, read the readout
 *       after the last one (after T steps it equals, bit for bit, one pass over the whole sequence), and
 *       reset the streams for the next digits.</li>
 * </ol>
 *
 * <p>Threads: a {@code Session} is not thread-safe, so open one per thread (or per request). The
 * {@code Model} inside the {@code ModelFile} is only read by sessions, so load it once and share it: many
 * sessions on one model may run in parallel threads, each with its own pool (or all in one). Do not train
 * the model or load other weights into it while sessions run.
 *
 * <p>Run it with {@code --add-modules jdk.incubator.vector}: snn4j's kernels then use the Vector API
 * (SIMD). Without that option the JVM does not load the incubator module; snn4j then logs one warning and
 * runs its scalar kernels, with the same results, more slowly. The program prints which kernels ran.
 *
 * <p>Arguments (both optional): the number of streams (default 16) and of compute threads (default 1).
 */
public final class EmbeddedInference {
    /** The model on the class path, beside this class; how it was trained: README.md of this example. */
    public static final String MODEL = "w1-quarter.snn4j";

    private EmbeddedInference() {}

    /**
     * What a run over the digits gave.
     *
     * @param predictions the class predicted for every digit, in data order
     * @param correct     how many predictions equal the labels
     * @param stepNanos   the wall time of every {@link Session#step} call, in call order, in nanoseconds
     * @param streams     the session's streams (digits classified side by side)
     */
    public record Result(int[] predictions, int correct, long[] stepNanos, int streams) {
        /** The fraction of digits classified correctly. */
        public double accuracy() {
            return predictions.length == 0 ? 0 : (double) correct / predictions.length;
        }

        /** The mean wall time of one step of all streams, in microseconds (the first calls warm the JIT up). */
        public double meanMicrosPerStep() {
            return Arrays.stream(stepNanos).average().orElse(0) / 1e3;
        }

        /** The median wall time of one step of all streams, in microseconds. */
        public double medianMicrosPerStep() {
            long[] sorted = stepNanos.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e3;
        }
    }

    public static void main(String[] args) {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;

        ModelFile saved = loadModel();
        Dataset digits = Digits.load();
        System.out.printf(Locale.ROOT, "model %s: T = %d, %s input; %d digits, %d streams, %d compute thread(s), kernels %s%n",
                MODEL, saved.steps(1), saved.encoder(), digits.size(), streams, threads, Gemm.implementationName());

        // A pool owns its worker threads: close it when done (try-with-resources).
        try (ComputePool pool = ComputePool.of(threads)) {
            Result result = classify(saved, digits, streams, pool);
            System.out.printf(Locale.ROOT, "accuracy %.4f (%d of %d digits)%n", result.accuracy(), result.correct(),
                    result.predictions().length);
            System.out.printf(Locale.ROOT, "latency per step of %d streams: median %.0f µs (%.1f µs per stream), mean %.0f µs over %d steps%n",
                    result.streams(), result.medianMicrosPerStep(), result.medianMicrosPerStep() / result.streams(),
                    result.meanMicrosPerStep(), result.stepNanos().length);
        }
    }

    /** Reads the model file shipped on the class path. */
    public static ModelFile loadModel() {
        try (InputStream in = EmbeddedInference.class.getResourceAsStream(MODEL)) {
            // A missing resource (in == null) or a damaged file is a one-line FileFormatException naming MODEL.
            return ModelFile.read(in, MODEL);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + MODEL, e);
        }
    }

    /**
     * Classifies every digit, {@code streams} at a time, each fed the model's T steps one step at a time
     * through one session running on {@code pool}.
     */
    public static Result classify(ModelFile saved, Dataset digits, int streams, ComputePool pool) {
        int steps = saved.steps(1);
        // One session, used by this thread only. EVENT, DENSE and AUTO give the same results; AUTO picks
        // per layer whether skipping silent inputs (event-driven) or a dense kernel is faster.
        Session session = new Session(saved.model(), EngineMode.AUTO, streams).withPool(pool);

        int[] predictions = new int[digits.size()];
        int correct = 0;
        long[] stepNanos = new long[(digits.size() + streams - 1) / streams * steps];
        int calls = 0;
        for (int first = 0; first < digits.size(); first += streams) {
            int count = Math.min(streams, digits.size() - first);
            // Frames of these digits: [T, streams, 1, 28, 28]. In a service they would arrive one by one.
            Tensor frames = encode(saved, digits, first, streams, first / streams);
            Session.Step last = null;
            for (int t = 0; t < steps; t++) {
                Tensor frame = frame(frames, t);  // [streams, 1, 28, 28]: step t of every stream
                long start = System.nanoTime();
                last = session.step(frame);
                stepNanos[calls++] = System.nanoTime() - start;
            }
            // The readout so far after the last step, [streams, 10]; its largest score is the class.
            int[] predicted = Accuracy.predictions(last.readout());
            for (int s = 0; s < count; s++) {
                predictions[first + s] = predicted[s];
                if (predicted[s] == digits.label(first + s)) correct++;
            }
            // The streams start afresh for the next digits. reset(s) restarts one stream and lets the
            // others go on: a service whose inputs end at different times resets each stream when its
            // input ends. Here all end together.
            for (int s = 0; s < streams; s++) session.reset(s);
        }
        return new Result(predictions, correct, stepNanos, streams);
    }

    /**
     * The input sequence of digits {@code first, first + 1, ...}, one per stream, coded as the model was
     * trained: {@code [T, streams, 1, 28, 28]}. Streams past the last digit get blank images. The code's
     * randomness (Bernoulli only) comes from a stream seeded with {@code round}, so runs repeat.
     */
    public static Tensor encode(ModelFile saved, Dataset digits, int first, int streams, long round) {
        int count = Math.min(streams, digits.size() - first);
        int[] indices = new int[count];
        Arrays.setAll(indices, i -> first + i);
        Tensor images = Tensor.zeros(Tensor.concat(new int[] {streams}, digits.sampleShape()));
        float[] some = digits.images(indices).data();
        System.arraycopy(some, 0, images.data(), 0, some.length);
        Encoder encoder = EncoderSpec.parse(saved.encoder(), saved.encoderGain()).create();
        return encoder.encode(images, saved.steps(1), new Rng(round));
    }

    /** Step {@code t} of a sequence {@code [T, streams, ...]}: a new {@code [streams, ...]} tensor. */
    private static Tensor frame(Tensor sequence, int t) {
        int size = sequence.sizeFrom(1);
        float[] step = Arrays.copyOfRange(sequence.data(), t * size, (t + 1) * size);
        return new Tensor(step, sequence.shapeFrom(1));
    }
}
