package org.snn4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.snn4j.Snn4jException;
import org.snn4j.datasets.Aedat2Address;
import org.snn4j.datasets.EventDecoders;
import org.snn4j.datasets.NmnistReader;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Session;
import org.snn4j.events.Crop;
import org.snn4j.events.Downsample;
import org.snn4j.events.EventDecoder;
import org.snn4j.events.EventTransform;
import org.snn4j.interop.NirImporter;
import org.snn4j.kernels.Parallel;
import org.snn4j.metrics.EnergyModel;
import org.snn4j.model.Model;
import org.snn4j.model.ModelFile;
import org.snn4j.stream.EventSource;
import org.snn4j.stream.EventStream;
import org.snn4j.stream.StreamSummary;
import org.snn4j.stream.WindowPolicy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code snn4j stream}: a model run on events as they arrive, window by window (docs/STREAMING.md). */
@Command(name = "stream", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a spiking network on an event stream as it arrives: from a file or standard input (a recording piped in, "
                + "or a pipe a camera driver writes), cut into windows, each window one step of a session that keeps every layer's state.",
                "Prints per window the readout so far, the running prediction, spikes per layer, ACs and energy; at the end the "
                + "events per second, the real-time factor and the window latency."})
final class StreamCommand implements Callable<Integer> {
    /** Bytes asked of the input per read (a pipe's read returns what has arrived). */
    private static final int READ_BYTES = 1 << 16;

    @Spec
    CommandSpec spec;

    /** The model: saved by snn4j, or a NIR graph from any tool. */
    static final class ModelSource {
        @Option(names = "--model-file", paramLabel = "FILE", required = true, description = "A model written by train, convert or import.")
        Path modelFile;

        @Option(names = "--nir", paramLabel = "FILE", required = true, description = "A NIR graph (HDF5), e.g. exported by snnTorch, "
                + "Norse, Sinabs, SpikingJelly or snn4j; imported as snn4j import does (docs/INTEROP.md).")
        Path nir;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelSource model;

    @Mixin
    NirTimeOptions time;

    @Option(names = "--events", paramLabel = "FILE|-", required = true, description = "The event file, or - for standard input.")
    String events;

    @Option(names = "--format", paramLabel = "FORMAT", required = true,
            description = "nmnist (34x34 .bin), ncaltech101 (240x180 .bin), aedat (2.0 or 3.1, DVS128 addresses, or 4.0) or aedat4.")
    String format;

    @Option(names = "--window", paramLabel = "SIZE", defaultValue = "1ms",
            description = "A window: a duration (1ms, 500us, 0.5s) of sensor time or a number of events (2000ev) (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--max-gap", paramLabel = "TIME|none", defaultValue = "60s",
            description = "With duration windows: the longest sensor time between two events (each window of a gap is a network step);"
                    + " a longer gap, e.g. a corrupt timestamp, stops the stream with an error (default: ${DEFAULT-VALUE}).")
    String maxGap;

    @Option(names = "--crop", paramLabel = "X,Y,W,H", description = "Keep the W x H window of the sensor at corner (X, Y), moved to (0, 0).")
    String crop;

    @Option(names = "--downsample", paramLabel = "F", defaultValue = "1",
            description = "Divide addresses by F after the crop (an F x F block becomes one pixel) (default: ${DEFAULT-VALUE}).")
    int downsample;

    @Option(names = "--polarity", paramLabel = "channels|merged", defaultValue = "channels",
            description = "ON and OFF events in two channels per frame, or merged into one (default: ${DEFAULT-VALUE}).")
    String polarity;

    @Mixin
    EngineOption engine;

    @Option(names = "--every", paramLabel = "N", defaultValue = "1", description = "Print every Nth window (and the last) (default: ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--json", description = "One JSON object per line: a window's, and at the end the summary's.")
    boolean json;

    @Option(names = "--energy", paramLabel = "MODEL", defaultValue = "45nm-fp32",
            description = "Energy per operation: 45nm-fp32, 45nm-int32 or MAC_PJ,AC_PJ (default: ${DEFAULT-VALUE}).")
    String energy;

    @Option(names = "--threads", paramLabel = "N", description = "Compute threads (default: all ${sys:snn4j.cores} cores).")
    Integer threads;

    static {
        System.setProperty("snn4j.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public Integer call() {
        EngineMode mode = engine.mode(spec);
        WindowPolicy policy = usage("--window", () -> WindowPolicy.parse(window));
        long gapMicros = usage("--max-gap", () -> maxGapMicros(maxGap));
        EventTransform transform = transform();
        Flags.positive(spec, "--every", every);
        if (!polarity.equals("channels") && !polarity.equals("merged")) {
            throw new ParameterException(spec.commandLine(), "--polarity must be channels or merged, was '" + polarity + "'");
        }
        EnergyModel energyModel = Flags.parsed(spec, "--energy", () -> EnergyModel.parse(energy));
        if (threads != null) {
            Flags.positive(spec, "--threads", threads);
            Parallel.setThreads(threads);
        }
        double dt = time.dt(spec);
        EventDecoder decoder = decoder();
        Model net = model.nir != null ? NirImporter.importSnn(model.nir, dt) : ModelFile.read(model.modelFile).model();
        EventStream stream = new EventStream(new Session(net, mode, 1), policy, transform, polarity.equals("channels"), energyModel)
                .withMaxGap(gapMicros);
        StreamPrinter printer = new StreamPrinter(System.out, json, every);
        try (EventSource source = EventSource.decoding(open(), decoder, events, READ_BYTES)) {
            StreamSummary summary = stream.run(source, printer);
            printer.summary(summary);
        } finally {
            printer.flushLast();
        }
        return 0;
    }

    private EventDecoder decoder() {
        String name = events.equals("-") ? "stdin" : events;
        return switch (format) {
            case "nmnist" -> EventDecoders.nmnist(name, NmnistReader.NMNIST_SIDE, NmnistReader.NMNIST_SIDE);
            case "ncaltech101" -> EventDecoders.nmnist(name, NmnistReader.NCALTECH101_WIDTH, NmnistReader.NCALTECH101_HEIGHT);
            case "aedat" -> EventDecoders.aedat(name, Aedat2Address.DVS128);
            case "aedat4" -> EventDecoders.aedat4(name);
            default -> throw new ParameterException(spec.commandLine(), "--format: unknown format '" + format
                    + "' (valid: nmnist, ncaltech101, aedat, aedat4)");
        };
    }

    /** The crop, then the downsampling: each moves or drops events one at a time, as a stream needs. */
    private EventTransform transform() {
        Flags.positive(spec, "--downsample", downsample);
        List<EventTransform> t = new ArrayList<>();
        if (crop != null) t.add(usage("--crop", () -> parseCrop(crop)));
        if (downsample > 1) t.add(Downsample.by(downsample));
        return EventTransform.chain(t);
    }

    /** A flag's value parsed; the parser's refusal is bad usage naming the flag. */
    private <T> T usage(String flag, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), flag + ": " + e.getMessage());
        }
    }

    private static long maxGapMicros(String s) {
        if (s.equals("none")) return Long.MAX_VALUE;
        try {
            if (WindowPolicy.parse(s) instanceof WindowPolicy.Duration d) return d.micros();
        } catch (IllegalArgumentException e) {
            // the message below names the forms
        }
        throw new IllegalArgumentException("expected a duration (60s, 500ms, 250us) or none, was '" + s + "'");
    }

    private static Crop parseCrop(String s) {
        String[] p = s.split(",", -1);
        if (p.length != 4) throw new IllegalArgumentException("expected X,Y,W,H, was '" + s + "'");
        try {
            return new Crop(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()),
                    Integer.parseInt(p[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected four whole numbers X,Y,W,H, was '" + s + "'");
        }
    }

    private InputStream open() {
        if (events.equals("-")) return System.in;
        try {
            return Files.newInputStream(Path.of(events));
        } catch (NoSuchFileException e) {
            throw new Snn4jException(events + ": file not found");
        } catch (IOException e) {
            throw new Snn4jException(events + ": cannot be read: " + e.getMessage());
        }
    }
}
