package org.snn4j.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snn4j.datasets.AedatReader;
import org.snn4j.datasets.Aedat4Reader;
import org.snn4j.datasets.NmnistReader;
import org.snn4j.datasets.SpikeAudioReader;
import org.snn4j.events.EventDataset;
import org.snn4j.events.Events;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code snn4j data}: look into data files. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Inspect data files.",
        subcommands = {DataCommand.Inspect.class})
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code snn4j data inspect}: what an event file holds, read by the strict readers. */
    @Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Read an event file and print its counts, time span and sensor size: events, on, off, t_first_us, "
                    + "t_last_us, width and height (audio: units, and samples).")
    static final class Inspect implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--format", required = true,
                description = "nmnist (34x34 .bin), ncaltech101 (240x180 .bin), aedat (2.0 or 3.1; 4.0 too), aedat4, shd or ssc (HDF5).")
        String format;

        @Parameters(index = "0", paramLabel = "FILE", description = "The file to read.")
        Path file;

        @Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;

        @Override
        public Integer call() {
            JsonObject o = new JsonObject();
            o.addProperty("file", file.toString());
            o.addProperty("format", format);
            switch (format) {
                case "nmnist" -> camera(o, NmnistReader.read(file, NmnistReader.NMNIST_SIDE, NmnistReader.NMNIST_SIDE));
                case "ncaltech101" -> camera(o, NmnistReader.read(file, NmnistReader.NCALTECH101_WIDTH, NmnistReader.NCALTECH101_HEIGHT));
                case "aedat" -> camera(o, AedatReader.read(file));
                case "aedat4" -> camera(o, Aedat4Reader.read(file));
                case "shd" -> audio(o, SpikeAudioReader.read(file, "shd", SpikeAudioReader.SHD_CLASSES));
                case "ssc" -> audio(o, SpikeAudioReader.read(file, "ssc", SpikeAudioReader.SSC_CLASSES));
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown format '" + format
                        + "' (expected one of nmnist, ncaltech101, aedat, aedat4, shd, ssc)");
            }
            if (json) {
                System.out.println(o);
            } else {
                for (Map.Entry<String, com.google.gson.JsonElement> e : o.entrySet()) {
                    System.out.println(e.getKey() + ": " + e.getValue().getAsString());
                }
            }
            return 0;
        }

        private static void camera(JsonObject o, Events e) {
            counts(o, e.size(), e.onCount(), e.firstTimeUs(), e.lastTimeUs());
            o.addProperty("width", e.width());
            o.addProperty("height", e.height());
        }

        private static void audio(JsonObject o, EventDataset set) {
            long events = 0;
            long first = Long.MAX_VALUE;
            long last = 0;
            for (int i = 0; i < set.size(); i++) {
                Events e = set.recording(i);
                events += e.size();
                if (e.size() > 0) {
                    first = Math.min(first, e.firstTimeUs());
                    last = Math.max(last, e.lastTimeUs());
                }
            }
            o.addProperty("samples", set.size());
            counts(o, events, events, events == 0 ? 0 : first, last);
            o.addProperty("units", set.width());
            o.addProperty("classes", set.numClasses());
        }

        private static void counts(JsonObject o, long events, long on, long first, long last) {
            o.addProperty("events", events);
            o.addProperty("on", on);
            o.addProperty("off", events - on);
            o.addProperty("t_first_us", first);
            o.addProperty("t_last_us", last);
        }
    }
}
