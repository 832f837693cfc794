package org.snn4j.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.snn4j.Snn4jException;
import org.snn4j.events.EventDataset;

/**
 * The event data sets snn4j knows by name.
 *
 * <ul>
 *   <li>{@code n-digits}: EMULATED event-camera recordings of the bundled digits ({@link NDigits}); needs
 *       no files.</li>
 *   <li>{@code nmnist}, {@code ncaltech101}, {@code dvs-gesture}, {@code cifar10-dvs}, {@code shd}, {@code
 *       ssc}: the published recordings, found in a data directory in their publishers' folder layouts
 *       ({@link EventDataLayouts}).</li>
 * </ul>
 */
public final class EventDatasets {
    private static final List<String> NAMES = Stream.concat(Stream.of("n-digits"), EventDataLayouts.names().stream()).toList();

    private EventDatasets() {}

    /** What a named set holds, known without reading it: sensor size (audio: units × 1) and classes. */
    public record Layout(int width, int height, int classes) {}

    /** The valid names. */
    public static List<String> names() {
        return NAMES;
    }

    /** True when {@code name} is an event data set. */
    public static boolean isEventData(String name) {
        return NAMES.contains(name);
    }

    /**
     * @throws Snn4jException for an unknown name, listing the valid ones
     */
    public static Layout layout(String name) {
        return switch (name) {
            case "n-digits" -> new Layout(NDigits.SIDE, NDigits.SIDE, 10);
            default -> {
                if (!NAMES.contains(name)) throw unknown(name);
                yield EventDataLayouts.layout(name);
            }
        };
    }

    /**
     * Opens a split of a named event data set (recordings are read when asked).
     *
     * @param dataDir the directory holding its files (unused by {@code n-digits}, required by the others)
     * @throws Snn4jException for an unknown name, missing or malformed files
     */
    public static EventDataset open(String name, Path dataDir, boolean train) {
        if (name.equals("n-digits")) return NDigits.open(train);
        if (!NAMES.contains(name)) throw unknown(name);
        if (dataDir == null) {
            throw new Snn4jException("event data set '" + name + "' needs --data-dir: the folder its published archives were "
                    + "extracted into (docs/EVENTS.md)");
        }
        return EventDataLayouts.open(name, dataDir, train);
    }

    private static Snn4jException unknown(String name) {
        return new Snn4jException("unknown event data set '" + name + "'; valid names: " + String.join(", ", NAMES));
    }
}
