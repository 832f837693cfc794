package org.snn4j.events;

import java.util.List;
import java.util.Objects;
import org.snn4j.tensor.Rng;

/**
 * Turns one recording into another: a filter (denoise, refractory), a change of address (downsample,
 * crop, flip, audio unit bins) or of time (jitter). Transforms are immutable and compose with {@link
 * #andThen}; a random one (flip with a probability, jitter) draws from the stream it is given, so a
 * recording's transform is reproduced by reseeding that stream (e.g. from the run seed and the
 * recording's index). A transform never changes its input; its {@code toString} names it and its
 * parameters (the frame cache keys files by it).
 */
@FunctionalInterface
public interface EventTransform {
    /** The transform that returns its input. */
    EventTransform IDENTITY = new EventTransform() {
        @Override
        public Events apply(Events events, Rng rng) {
            return events;
        }

        @Override
        public String toString() {
            return "none";
        }
    };

    /**
     * @param events the recording (not modified)
     * @param rng the stream a random transform draws from; deterministic transforms ignore it
     * @return the transformed recording (the input itself when nothing changes)
     */
    Events apply(Events events, Rng rng);

    /** This transform, then {@code next} (drawing from the same stream, in that order). */
    default EventTransform andThen(EventTransform next) {
        Objects.requireNonNull(next, "next");
        EventTransform first = this;
        return new EventTransform() {
            @Override
            public Events apply(Events events, Rng rng) {
                return next.apply(first.apply(events, rng), rng);
            }

            @Override
            public String toString() {
                return first + ", " + next;
            }
        };
    }

    /** The transforms in order ({@link #IDENTITY} for none). */
    static EventTransform chain(List<? extends EventTransform> transforms) {
        EventTransform t = IDENTITY;
        for (EventTransform next : transforms) t = t == IDENTITY ? Objects.requireNonNull(next, "transform") : t.andThen(next);
        return t;
    }
}
