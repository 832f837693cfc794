package org.snn4j.datasets;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.snn4j.events.EventDataset;
import org.snn4j.events.Events;
import org.snn4j.events.EventsBuilder;

/**
 * Reads the spike-audio data sets of Cramer et al. (2020), SHD (Heidelberg digits, 20 classes) and SSC
 * (speech commands, 35 classes): HDF5 files holding {@code spikes/times} (per sample, a variable-length
 * array of spike times in seconds, floating point), {@code spikes/units} (per sample, the matching input
 * units in {@code [0, 700)}) and {@code labels} (one integer per sample). Each sample becomes a recording on
 * a {@value #UNITS} × 1 sensor: x is the unit, polarity 1, time in µs (seconds × 10<sup>6</sup>, rounded);
 * spikes are put in time order when a sample lists them otherwise, as Tonic's users expect to get them.
 *
 * <p>The file is read through jHDF when opened (the arrays of every sample are held; a sample is turned
 * into events when asked). Errors name the file and the dataset and sample at fault.
 */
public final class SpikeAudioReader {
    /** Input units (cochlea-model channels) of SHD and SSC. */
    public static final int UNITS = 700;
    /** Classes of SHD. */
    public static final int SHD_CLASSES = 20;
    /** Classes of SSC. */
    public static final int SSC_CLASSES = 35;
    /** Longest spike time accepted, in seconds (a sample of SHD lasts about a second). */
    static final double MAX_SECONDS = 1e5;
    /** Most spikes accepted in one sample. */
    static final int MAX_SPIKES = 1 << 24;

    private SpikeAudioReader() {}

    /**
     * Opens an SHD or SSC file.
     *
     * @param name the data set's name in logs
     * @param numClasses labels must lie in {@code [0, numClasses)}
     * @throws DataFormatException when the file is missing, not HDF5, or lacks or breaks the layout
     */
    public static EventDataset read(Path file, String name, int numClasses) {
        if (!Files.isRegularFile(file)) throw new DataFormatException(file.toString(), "file not found");
        long length;
        try {
            length = Files.size(file);
        } catch (java.io.IOException e) {
            throw new DataFormatException(file.toString(), "cannot read its size: " + e.getMessage(), e);
        }
        return read(() -> new HdfFile(file), file.toString(), name, numClasses, length);
    }

    /** As {@link #read(Path, String, int)} for the bytes of a file ({@code file} names it in messages). */
    public static EventDataset read(byte[] bytes, String file, String name, int numClasses) {
        return read(() -> HdfFile.fromBytes(bytes), file, name, numClasses, bytes.length);
    }

    private static EventDataset read(Supplier<HdfFile> open, String file, String name, int numClasses, long fileLength) {
        // a sample costs at least one byte on disk (16 for a variable-length entry, before compression):
        // a damaged header declaring more would make jHDF allocate for entries that are not there
        long maxSamples = Math.max(fileLength, 1 << 20);
        HdfFile h5 = hdf(file, open);
        try {
            Object[] times = vlen(h5, "spikes/times", file, maxSamples);
            Object[] units = vlen(h5, "spikes/units", file, maxSamples);
            Dataset labelSet = dataset(h5, "labels", file, maxSamples);
            Object labelData = hdf(file, labelSet::getData);
            if (!(labelData instanceof int[] labels)) {
                throw new DataFormatException(file, "labels expected a 1-D integer dataset, was "
                        + (labelData == null ? "null" : labelData.getClass().getSimpleName()));
            }
            if (times.length != labels.length || units.length != labels.length) {
                throw new DataFormatException(file, "samples expected equal counts, was " + times.length + " in spikes/times, "
                        + units.length + " in spikes/units, " + labels.length + " in labels");
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= numClasses) {
                    throw new DataFormatException(file, "labels[" + i + "] expected in [0, " + numClasses + "), was " + labels[i]);
                }
            }
            return new SpikeAudioSet(name, file, times, units, labels, numClasses);
        } finally {
            hdf(file, () -> {
                h5.close();
                return null;
            });
        }
    }

    /**
     * Runs one call into jHDF: whatever it throws is about the file (jHDF reports some damaged files as
     * ArithmeticException, IllegalArgumentException, BufferUnderflowException and the like, not only
     * HdfException; found by the fuzz target), so it becomes a one-line {@link DataFormatException}.
     */
    private static <T> T hdf(String file, Supplier<T> call) {
        try {
            return call.get();
        } catch (HdfException e) {
            throw new DataFormatException(file, "not a readable HDF5 file (" + firstLine(e.getMessage()) + ")", e);
        } catch (RuntimeException e) {
            throw new DataFormatException(file, "not a readable HDF5 file (" + e.getClass().getSimpleName() + ": "
                    + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static Dataset dataset(HdfFile h5, String path, String file, long maxSamples) {
        Node node;
        try {
            node = h5.getByPath(path);
        } catch (HdfException e) {
            throw new DataFormatException(file, "dataset " + path + " expected, was missing (" + firstLine(e.getMessage()) + ")", e);
        } catch (RuntimeException e) {
            throw new DataFormatException(file, "not a readable HDF5 file (" + e.getClass().getSimpleName() + ": "
                    + firstLine(e.getMessage()) + ")", e);
        }
        if (!(node instanceof Dataset d)) throw new DataFormatException(file, path + " expected a dataset, was a group");
        int[] dims = hdf(file, d::getDimensions);
        long count = 1;
        for (int n : dims) {
            if (n < 0 || (count *= n) > maxSamples) {
                throw new DataFormatException(file, path + " expected at most " + maxSamples + " entries (one per sample), was "
                        + java.util.Arrays.toString(dims));
            }
        }
        return d;
    }

    private static Object[] vlen(HdfFile h5, String path, String file, long maxSamples) {
        Dataset d = dataset(h5, path, file, maxSamples);
        Object data = hdf(file, d::getData);
        if (!(data instanceof Object[] rows) || data instanceof Object[][]) {
            throw new DataFormatException(file, path + " expected a 1-D variable-length dataset, was "
                    + (data == null ? "null" : data.getClass().getSimpleName()));
        }
        return rows;
    }

    private static String firstLine(String m) {
        if (m == null) return "no message";
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).replace('\r', ' ');
    }

    /** One sample's spikes as a recording; {@code sample} names it in messages. */
    static Events events(Object timeRow, Object unitRow, String file, int sample) {
        double[] t = doubles(timeRow, file, "spikes/times[" + sample + "]");
        int[] u = unitRow instanceof int[] ints ? ints : null;
        if (u == null) {
            throw new DataFormatException(file, "spikes/units[" + sample + "] expected integers, was "
                    + (unitRow == null ? "null" : unitRow.getClass().getSimpleName()));
        }
        if (u.length != t.length) {
            throw new DataFormatException(file, "sample " + sample + ": spikes/units expected " + t.length + " entries like spikes/times, was " + u.length);
        }
        if (t.length > MAX_SPIKES) {
            throw new DataFormatException(file, "spikes/times[" + sample + "] expected at most " + MAX_SPIKES + " spikes, was " + t.length);
        }
        long[] us = new long[t.length];
        boolean sorted = true;
        for (int j = 0; j < t.length; j++) {
            if (!(t[j] >= 0 && t[j] < MAX_SECONDS)) {
                throw new DataFormatException(file, "spikes/times[" + sample + "][" + j + "] expected seconds in [0, " + (long) MAX_SECONDS
                        + "), was " + t[j]);
            }
            us[j] = Math.round(t[j] * 1e6);
            if (j > 0 && us[j] < us[j - 1]) sorted = false;
        }
        long[] order = null;
        if (!sorted) {
            // stable sort by time: keys (µs < 2^37) << 24 | index (< 2^24)
            order = new long[t.length];
            for (int j = 0; j < t.length; j++) order[j] = us[j] << 24 | j;
            java.util.Arrays.sort(order);
        }
        EventsBuilder events = new EventsBuilder(UNITS, 1, t.length);
        for (int k = 0; k < t.length; k++) {
            int j = order == null ? k : (int) (order[k] & 0xFFFFFF);
            try {
                events.add(us[j], u[j], 0, 1);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file, "spikes/units[" + sample + "][" + j + "]: " + e.getMessage(), e);
            }
        }
        return events.build();
    }

    private static double[] doubles(Object row, String file, String what) {
        if (row instanceof float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) d[i] = f[i];
            return d;
        }
        if (row instanceof double[] d) return d;
        throw new DataFormatException(file, what + " expected floating-point seconds, was "
                + (row == null ? "null" : row.getClass().getSimpleName()));
    }

    /** The samples of one file, turned into events when asked; safe for concurrent reads. */
    private record SpikeAudioSet(String name, String file, Object[] times, Object[] units, int[] labels, int numClasses)
            implements EventDataset {
        @Override
        public int size() {
            return labels.length;
        }

        @Override
        public int width() {
            return UNITS;
        }

        @Override
        public int height() {
            return 1;
        }

        @Override
        public int label(int i) {
            return labels[i];
        }

        @Override
        public Events recording(int i) {
            return events(times[i], units[i], file, i);
        }
    }
}
