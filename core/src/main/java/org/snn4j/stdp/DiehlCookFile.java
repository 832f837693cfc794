package org.snn4j.stdp;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.io.FileFormatException;
import org.snn4j.io.SafeTensors;
import org.snn4j.tensor.Tensor;

/**
 * A trained {@link DiehlCook} network as a file: safetensors with the tensors {@code weights} {@code [inputs, N]},
 * {@code thresholds} {@code [N]} (θ) and, once labelled, {@code labels} {@code [N]} (a class, or -1: unlabelled), and
 * the metadata {@code format} = {@value #FORMAT}, {@code neurons}, {@code dt_ms}, {@code seed}, {@code lockout_ms},
 * {@code conductances} ({@code exact} or {@code euler}), {@code theta_rest_mv} (these three absent: 0, exact and 0) and
 * {@code sample_shape} (e.g. {@code 1,28,28}). The network read back has {@link DiehlCookConfig#defaults} with that dt,
 * seed, lock-out, conductances and threshold rest level, and the saved state. Written atomically.
 */
public final class DiehlCookFile {
    /** The {@code format} metadata value that marks such a file. */
    public static final String FORMAT = "snn4j-diehl-cook";
    /** Largest network read: neurons, and inputs × neurons. */
    private static final long MAX_NEURONS = 1 << 16, MAX_WEIGHTS = 1L << 28;

    private DiehlCookFile() {}

    /**
     * A network read from a file, and the shape of its samples.
     *
     * @param network     the network, its state restored
     * @param sampleShape one sample's shape, e.g. {@code [1, 28, 28]}
     */
    public record Saved(DiehlCook network, int[] sampleShape) {}

    /** Writes {@code network}, whose samples have {@code sampleShape}, to {@code file}. */
    public static void save(Path file, DiehlCook network, int[] sampleShape) {
        int n = network.config().neurons();
        if (Arrays.stream(sampleShape).asLongStream().reduce(1, Math::multiplyExact) != network.inputs()) {
            throw new IllegalArgumentException("sample shape " + Arrays.toString(sampleShape) + " is not " + network.inputs() + " inputs");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("weights", new Tensor(network.weights(), network.inputs(), n));
        float[] theta = new float[n];
        for (int j = 0; j < n; j++) theta[j] = network.threshold(j);
        tensors.put("thresholds", new Tensor(theta, n));
        int[] labels = network.labels();
        if (labels != null) {
            float[] l = new float[n];
            for (int j = 0; j < n; j++) l[j] = labels[j];
            tensors.put("labels", new Tensor(l, n));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("neurons", Integer.toString(n));
        metadata.put("dt_ms", Double.toString(network.config().dtMs()));
        metadata.put("seed", Long.toString(network.config().seed()));
        metadata.put("lockout_ms", Double.toString(network.config().lockoutMs()));
        metadata.put("conductances", network.config().eulerConductances() ? "euler" : "exact");
        metadata.put("theta_rest_mv", Double.toString(network.config().thetaRestMv()));
        metadata.put("sample_shape", String.join(",", Arrays.stream(sampleShape).mapToObj(Integer::toString).toList()));
        SafeTensors.save(file, tensors, metadata);
    }

    /** Whether {@code file} is such a file (a readable safetensors file whose format is {@value #FORMAT}). */
    public static boolean holds(Path file) {
        try {
            return FORMAT.equals(SafeTensors.load(file).metadata().get("format"));
        } catch (FileFormatException e) {
            return false;
        }
    }

    /** Reads a network from {@code file}. */
    public static Saved load(Path file) {
        return read(FileFormatException.readAll(file), file.toString());
    }

    /**
     * Reads a network from {@code bytes}; {@code source} names the file in messages.
     *
     * @throws FileFormatException when it is not such a file, or its fields or shapes disagree
     */
    public static Saved read(byte[] bytes, String source) {
        SafeTensors.Contents c = SafeTensors.read(bytes, source);
        Map<String, String> meta = c.metadata();
        if (!FORMAT.equals(meta.get("format"))) throw new FileFormatException(source, "format is " + meta.get("format") + ", expected " + FORMAT);
        int n = (int) number(meta, "neurons", source, 1, MAX_NEURONS);
        long seed = (long) number(meta, "seed", source, Long.MIN_VALUE, Long.MAX_VALUE);
        double dt = decimal(meta, "dt_ms", source);
        double lockout = optional(meta, "lockout_ms", 0, 1000, source);
        double thetaRest = optional(meta, "theta_rest_mv", -100, 100, source);
        String conductances = meta.getOrDefault("conductances", "exact");
        if (!conductances.equals("exact") && !conductances.equals("euler")) {
            throw new FileFormatException(source, "metadata conductances is " + conductances + ", expected exact or euler");
        }
        int[] shape = shape(meta.get("sample_shape"), source);
        long inputs = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
        if (inputs > MAX_WEIGHTS || inputs * n > MAX_WEIGHTS) throw new FileFormatException(source, inputs + " inputs × " + n + " neurons is more than " + MAX_WEIGHTS + " weights");
        float[] weights = tensor(c, "weights", new int[] {(int) inputs, n}, source);
        float[] theta = tensor(c, "thresholds", new int[] {n}, source);
        int[] labels = null;
        if (c.tensors().containsKey("labels")) {
            float[] l = tensor(c, "labels", new int[] {n}, source);
            labels = new int[n];
            for (int j = 0; j < n; j++) {
                if (l[j] != Math.rint(l[j]) || l[j] < -1 || l[j] > MAX_NEURONS) {
                    throw new FileFormatException(source, "labels[" + j + "] is " + l[j] + ", expected a class or -1");
                }
                labels[j] = (int) l[j];
            }
        }
        DiehlCook network;
        try {
            network = new DiehlCook(DiehlCookConfig.builder(n).dt(dt).seed(seed).lockout(lockout)
                    .eulerConductances(conductances.equals("euler")).thetaRest(thetaRest).build(), (int) inputs);
            network.restore(weights, theta, labels);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(source, e.getMessage());
        }
        return new Saved(network, shape);
    }

    private static double number(Map<String, String> meta, String field, String source, double min, double max) {
        String v = meta.get(field);
        try {
            long x = Long.parseLong(v == null ? "" : v);
            if (x < min || x > max) throw new NumberFormatException();
            return x;
        } catch (NumberFormatException e) {
            throw new FileFormatException(source, "metadata " + field + " is " + v + ", expected a whole number in [" + (long) min + ", "
                    + (long) max + "]");
        }
    }

    /** Metadata {@code field}, a number in [min, max]; absent (a file written before it was kept): 0. */
    private static double optional(Map<String, String> meta, String field, double min, double max, String source) {
        String v = meta.get(field);
        if (v == null) return 0;
        try {
            double x = Double.parseDouble(v);
            if (!(x >= min) || x > max) throw new NumberFormatException();
            return x;
        } catch (NumberFormatException e) {
            throw new FileFormatException(source, "metadata " + field + " is " + v + ", expected a number in [" + (long) min + ", " + (long) max + "]");
        }
    }

    private static double decimal(Map<String, String> meta, String field, String source) {
        String v = meta.get(field);
        try {
            double x = Double.parseDouble(v == null ? "" : v);
            if (!(x > 0) || x > 10) throw new NumberFormatException();
            return x;
        } catch (NumberFormatException e) {
            throw new FileFormatException(source, "metadata " + field + " is " + v + ", expected a step in (0, 10] ms");
        }
    }

    private static int[] shape(String v, String source) {
        try {
            int[] shape = Arrays.stream((v == null ? "" : v).split(",", -1)).mapToInt(Integer::parseInt).toArray();
            if (shape.length < 1 || shape.length > 4 || Arrays.stream(shape).anyMatch(d -> d < 1 || d > 4096)) throw new NumberFormatException();
            return shape;
        } catch (NumberFormatException e) {
            throw new FileFormatException(source, "metadata sample_shape is " + v + ", expected 1 to 4 sizes in [1, 4096] like 1,28,28");
        }
    }

    private static float[] tensor(SafeTensors.Contents c, String name, int[] shape, String source) {
        Tensor t = c.tensors().get(name);
        if (t == null) throw new FileFormatException(source, "no tensor " + name);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new FileFormatException(source, "tensor " + name + " has shape " + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(shape));
        }
        return t.data();
    }
}
