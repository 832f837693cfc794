package org.snn4j.events;

import org.snn4j.tensor.Rng;

/**
 * For spike-encoded audio (SHD, SSC: {@code height = 1}, {@code x} the input unit): sums groups of
 * {@code unitsPerBin} neighbouring units into one, so 700 cochlear channels become {@code ceil(700 / k)}
 * inputs. Every spike is kept, at unit {@code x / k}.
 */
public record BinUnits(int unitsPerBin) implements EventTransform {
    /** @throws IllegalArgumentException when {@code unitsPerBin < 1} */
    public BinUnits {
        if (unitsPerBin < 1) throw new IllegalArgumentException("units per bin must be >= 1, was " + unitsPerBin);
    }

    /**
     * @throws IllegalArgumentException when the recording is not audio (height other than 1)
     */
    @Override
    public Events apply(Events events, Rng rng) {
        if (events.height() != 1) {
            throw new IllegalArgumentException("unit bins are for audio recordings (height 1), not a " + events.width() + "x"
                    + events.height() + " sensor");
        }
        return new Downsample(unitsPerBin, 1).apply(events, rng);
    }

    @Override
    public String toString() {
        return "bin-units(" + unitsPerBin + ")";
    }
}
