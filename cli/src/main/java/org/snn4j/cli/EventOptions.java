package org.snn4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.EventDatasets;
import org.snn4j.events.Denoise;
import org.snn4j.events.Downsample;
import org.snn4j.events.EventDataset;
import org.snn4j.events.EventFrames;
import org.snn4j.events.EventTransform;
import org.snn4j.events.FrameBinning;
import org.snn4j.events.FrameCache;
import org.snn4j.events.RefractoryFilter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How event data ({@code --data n-digits}) becomes the T frames a network reads: the transforms applied to
 * every recording, then the binning into {@code --T} frames. {@code train} and {@code eval} share these
 * flags; a model must be evaluated with the frames it was trained on.
 */
final class EventOptions {
    @Option(names = "--split-by", paramLabel = "HOW", defaultValue = "number",
            description = "Event data: how a recording's events are cut into the --T frames: number (equal event counts, "
                    + "SpikingJelly's split_by='number'), time (equal durations), window:MICROSECONDS or count:EVENTS "
                    + "(default: ${DEFAULT-VALUE}).")
    String splitBy;

    @Option(names = "--polarity", paramLabel = "channels|merged", defaultValue = "channels",
            description = "Event data: ON and OFF events in two channels per frame, or merged into one (default: ${DEFAULT-VALUE}).")
    String polarity;

    @Option(names = "--downsample", paramLabel = "F", defaultValue = "1",
            description = "Event data: divide addresses by F (an F×F block becomes one pixel; audio: F units become one) "
                    + "(default: ${DEFAULT-VALUE}).")
    int downsample;

    @Option(names = "--denoise", paramLabel = "MICROSECONDS", defaultValue = "0",
            description = "Event data: drop events without a neighbour event within this time (background-activity filter; "
                    + "default: ${DEFAULT-VALUE}, off).")
    long denoiseUs;

    @Option(names = "--refractory", paramLabel = "MICROSECONDS", defaultValue = "0",
            description = "Event data: drop events closer than this to the last kept event of their address (default: "
                    + "${DEFAULT-VALUE}, off).")
    long refractoryUs;

    @Option(names = "--frames-cache", paramLabel = "DIR",
            description = "Event data: keep the frames in DIR, one file per data set split and settings, so a later run reads "
                    + "no events (delete a file to rebuild it).")
    java.nio.file.Path framesCache;

    /**
     * Checks the flags (bad usage naming the flag) and returns the binning into {@code steps} frames.
     */
    FrameBinning binning(CommandSpec spec, int steps) {
        Flags.positive(spec, "--downsample", downsample);
        Flags.nonNegative(spec, "--denoise", denoiseUs);
        Flags.nonNegative(spec, "--refractory", refractoryUs);
        if (!polarity.equals("channels") && !polarity.equals("merged")) {
            throw new ParameterException(spec.commandLine(), "--polarity must be channels or merged, was '" + polarity + "'");
        }
        try {
            return FrameBinning.parse(splitBy, steps, polarity.equals("channels"));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--split-by: " + e.getMessage());
        }
    }

    /** The transforms, in the order applied: denoise and refractory filter on the sensor's addresses, then downsampling. */
    EventTransform transform() {
        List<EventTransform> t = new ArrayList<>();
        if (denoiseUs > 0) t.add(new Denoise(denoiseUs));
        if (refractoryUs > 0) t.add(new RefractoryFilter(refractoryUs));
        if (downsample > 1) t.add(Downsample.by(downsample));
        return EventTransform.chain(t);
    }

    /** {@code [C, H, W]}: one frame of the named set after the transforms, what the model reads per step. */
    int[] frameShape(EventDatasets.Layout layout, FrameBinning binning) {
        Downsample d = Downsample.by(downsample);
        return binning.frameShape(d.width(layout.width()), d.height(layout.height()));
    }

    /** The frames of every recording of {@code events}, random transforms seeded by {@code seed} (from the cache if given). */
    Dataset frames(EventDataset events, FrameBinning binning, long seed) {
        if (framesCache != null) return FrameCache.load(framesCache, events, transform(), binning, seed);
        return EventFrames.of(events, transform(), binning, seed);
    }

    /** What the transforms and binning are, for the run's first line. */
    String describe(FrameBinning binning) {
        EventTransform t = transform();
        return binning + (t == EventTransform.IDENTITY ? "" : " after " + t);
    }
}
