package org.snn4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.tensor.Tensor;

/**
 * A trained model or a resumable training state in one safetensors file, written atomically.
 *
 * <p>Tensors are stored under prefixes: {@code param/<name>} (trainable parameters),
 * {@code buffer/<name>} (e.g. BN running statistics) and {@code optim/<key>} (optimizer state; only
 * in training checkpoints). Metadata strings: {@code snn4j.format} (= {@value #FORMAT}),
 * {@code snn4j.kind} ({@code model} or {@code checkpoint}), {@code model_spec} (the JSON model spec),
 * {@code snn4j.sha256} (the SHA-256 of the rest, computed from the values: verified on load, so a flipped
 * byte is reported as a corrupt file; files of older versions without it load unchecked) and any further
 * entries the caller adds (e.g. {@code train_state}).
 */
public record Checkpoint(Kind kind, String modelSpec, Map<String, String> metadata, Map<String, Tensor> parameters,
                         Map<String, Tensor> buffers, Map<String, Tensor> optimizerState) {
    public static final String FORMAT = "snn4j-1";

    /** What a file holds. */
    public enum Kind {
        /** Weights and the model spec: what {@code --out} writes and {@code eval} reads. */
        MODEL,
        /** A model plus optimizer and trainer state: what {@code --resume} reads. */
        CHECKPOINT
    }

    /** Writes this checkpoint atomically to {@code file}. */
    public void save(Path file) {
        AtomicFile.write(file, this::write);
    }

    /** Writes this checkpoint to {@code out} (not closed): the bytes {@link #save} puts in a file. */
    public void write(OutputStream out) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        parameters.forEach((k, v) -> tensors.put("param/" + k, v));
        buffers.forEach((k, v) -> tensors.put("buffer/" + k, v));
        optimizerState.forEach((k, v) -> tensors.put("optim/" + k, v));
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("snn4j.format", FORMAT);
        meta.put("snn4j.kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        meta.put("model_spec", modelSpec);
        meta.put(ContentChecksum.KEY, ContentChecksum.of(tensors, meta));
        SafeTensors.write(out, tensors, meta);
    }

    /**
     * Reads a checkpoint or model file.
     *
     * @throws FileFormatException when the file is missing, is not a safetensors file, or lacks the snn4j
     *                             metadata or uses an unknown tensor prefix
     */
    public static Checkpoint load(Path file) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) throw new FileFormatException(source, "no such file");
        return of(SafeTensors.load(file), source);
    }

    /** As {@link #load} for the bytes of a file; {@code source} names it in messages. */
    public static Checkpoint read(byte[] bytes, String source) {
        return of(SafeTensors.read(bytes, source), source);
    }

    /**
     * As {@link #load} for a stream, read to its end (not closed); {@code source} names it in messages.
     *
     * @throws FileFormatException also when the stream fails ("cannot read: ...")
     */
    public static Checkpoint read(InputStream in, String source) {
        return read(FileFormatException.readAll(in, source), source);
    }

    private static Checkpoint of(SafeTensors.Contents c, String source) {
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        String checksum = meta.remove(ContentChecksum.KEY);
        if (checksum != null && !checksum.equals(ContentChecksum.of(c.tensors(), meta))) {
            throw new FileFormatException(source, "is corrupt: its content does not match its checksum (" + ContentChecksum.KEY + ")");
        }
        String format = meta.remove("snn4j.format");
        if (!FORMAT.equals(format)) {
            throw new FileFormatException(source, "not an snn4j model or checkpoint (snn4j.format is " + format + ", expected " + FORMAT + ")");
        }
        String kindName = meta.remove("snn4j.kind");
        Kind kind;
        try {
            kind = Kind.valueOf(String.valueOf(kindName).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(source, "snn4j.kind is " + kindName + ", expected model or checkpoint");
        }
        String spec = meta.remove("model_spec");
        if (spec == null) throw new FileFormatException(source, "metadata lacks model_spec");
        Map<String, Tensor> params = new LinkedHashMap<>(), buffers = new LinkedHashMap<>(), optim = new LinkedHashMap<>();
        for (var e : c.tensors().entrySet()) {
            String k = e.getKey();
            if (k.startsWith("param/")) params.put(k.substring(6), e.getValue());
            else if (k.startsWith("buffer/")) buffers.put(k.substring(7), e.getValue());
            else if (k.startsWith("optim/")) optim.put(k.substring(6), e.getValue());
            else throw new FileFormatException(source, "tensor '" + k + "' has no param/, buffer/ or optim/ prefix");
        }
        return new Checkpoint(kind, spec, meta, params, buffers, optim);
    }
}
