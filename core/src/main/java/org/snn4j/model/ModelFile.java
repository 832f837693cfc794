package org.snn4j.model;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.snn4j.io.AtomicFile;
import org.snn4j.io.Checkpoint;
import org.snn4j.io.FileFormatException;
import org.snn4j.io.TrainState;

/**
 * A model file as {@code train --out}, {@code convert --out} and {@code import} write it: the model, rebuilt
 * in the mode it was saved in (SNN or ANN twin) with its weights, and the run settings saved beside it
 * (T, the input encoder). The same format and the same checks from a path, a stream or a byte array (a
 * model shipped inside a jar, broadcast to a cluster, fetched from an object store): a damaged or foreign
 * file is a one-line {@link FileFormatException} (or a {@link SpecException} for an unusable embedded spec)
 * naming the source. A path is written atomically ({@link AtomicFile}); a stream or a byte array gets the
 * same bytes.
 *
 * <pre>{@code
 * ModelFile saved = ModelFile.read(App.class.getResourceAsStream("/w1.snn4j"));
 * Tensor readout = Executor.dense(saved.model()).infer(input, ForwardContext.evaluation().withSteps(saved.steps(8)));
 * ModelFile.of(model, 8).save(Path.of("runs/w1.snn4j"));   // or .write(out), .toBytes()
 * }</pre>
 *
 * @param model the rebuilt model with the saved weights
 * @param state the run settings saved with it ({@code mode}, {@code steps}, {@code encoder}, ...)
 */
public record ModelFile(Model model, TrainState state) {
    /** Names a stream in messages when the caller gives no name. */
    public static final String STREAM = "<stream>";
    /** Names a byte array in messages when the caller gives no name. */
    public static final String BYTES = "<bytes>";

    /**
     * Reads a model file.
     *
     * @throws FileFormatException naming the file when it is missing, not an snn4j model or checkpoint, or
     *                             its tensors do not fit the model its spec describes
     * @throws SpecException       naming what in the embedded spec is unusable
     */
    public static ModelFile read(Path file) {
        return of(Checkpoint.load(file), file.toString());
    }

    /** As {@link #read(Path)} for a stream, read to its end and not closed; messages name it {@value #STREAM}. */
    public static ModelFile read(InputStream in) {
        return read(in, STREAM);
    }

    /**
     * As {@link #read(Path)} for a stream, read to its end and not closed.
     *
     * @param in     the stream; null (a class path resource that does not exist) is a {@link FileFormatException}
     * @param source names the stream in messages (e.g. the resource or object name)
     * @throws FileFormatException also when the stream fails ("cannot read: ...")
     */
    public static ModelFile read(InputStream in, String source) {
        if (in == null) throw new FileFormatException(source, "no such stream (a class path resource that does not exist?)");
        return of(Checkpoint.read(in, source), source);
    }

    /** As {@link #read(Path)} for the bytes of a model file; messages name them {@value #BYTES}. */
    public static ModelFile read(byte[] bytes) {
        return read(bytes, BYTES);
    }

    /** As {@link #read(Path)} for the bytes of a model file; {@code source} names them in messages. */
    public static ModelFile read(byte[] bytes, String source) {
        return of(Checkpoint.read(bytes, source), source);
    }

    /**
     * Rebuilds the model of a parsed model or checkpoint file; {@code source} names the file in messages.
     *
     * @throws FileFormatException or {@link SpecException} naming what in the file is unusable
     */
    public static ModelFile of(Checkpoint saved, String source) {
        ModelSpec spec = ModelSpec.parse(saved.modelSpec(), source);
        TrainState state = TrainState.of(saved, source);
        String mode = state.string("mode", "snn");
        if (!mode.equals("snn") && !mode.equals("ann")) {
            throw new FileFormatException(source, "train_state.mode must be snn or ann, was " + mode);
        }
        // The seed only initialises weights that the file's tensors then overwrite.
        Model model = ModelBuilder.build(spec, mode.equals("ann") ? ModelBuilder.Mode.ANN : ModelBuilder.Mode.SNN, 0);
        model.load(saved, source);
        return new ModelFile(model, state);
    }

    /** A model that comes with no saved settings (e.g. just imported). */
    public static ModelFile of(Model model) {
        return new ModelFile(model, TrainState.none(model.spec().name()));
    }

    /**
     * A model with the settings an evaluation of it needs: {@code steps} time steps, direct input.
     *
     * @throws IllegalArgumentException when {@code steps} is not positive
     */
    public static ModelFile of(Model model, int steps) {
        if (steps <= 0) throw new IllegalArgumentException("steps must be > 0, was " + steps);
        JsonObject state = new JsonObject();
        state.addProperty("mode", model.mode().name().toLowerCase(Locale.ROOT));
        state.addProperty("steps", steps);
        state.addProperty("encoder", "direct");
        state.addProperty("encoder_gain", 1.0);
        return new ModelFile(model, TrainState.of(state, model.spec().name()));
    }

    /**
     * Writes the model and its settings atomically to {@code file} (readers see the old file or the whole
     * new one).
     *
     * @throws org.snn4j.Snn4jException naming the file when it cannot be written
     */
    public void save(Path file) {
        AtomicFile.write(file, this::write);
    }

    /** Writes the bytes {@link #save} puts in a file to {@code out}, which stays open. */
    public void write(OutputStream out) throws IOException {
        new Checkpoint(Checkpoint.Kind.MODEL, model.spec().toJson(), Map.of("train_state", state.toJson()),
                model.parameterTensors(), model.bufferTensors(), Map.of()).write(out);
    }

    /** The bytes {@link #save} puts in a file. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** Whether the model is an ANN (its activation in place of neurons), as saved. */
    public boolean isAnn() {
        return model.mode() == ModelBuilder.Mode.ANN;
    }

    /**
     * T saved with the model, or {@code fallback} when none was.
     *
     * @throws FileFormatException when the saved T is not a positive integer
     */
    public int steps(int fallback) {
        return (int) state.integer("steps", fallback, 1, Integer.MAX_VALUE);
    }

    /** The input encoder saved with the model ({@code direct} when none was). */
    public String encoder() {
        return state.string("encoder", "direct");
    }

    /** The encoder's gain saved with the model (1 when none was). */
    public double encoderGain() {
        return state.number("encoder_gain", 1.0);
    }
}
