package org.snn4j.events;

import org.snn4j.tensor.Rng;

/**
 * Mirrors a recording in x ({@code x → width − 1 − x}, Tonic's {@code RandomFlipLR}) or in y
 * ({@code RandomFlipUD}) with probability {@code p}: one draw per recording decides, so every event of
 * a flipped recording is flipped. {@code p = 1} always flips and draws nothing.
 */
public record Flip(Axis axis, double p) implements EventTransform {
    /** The mirrored coordinate. */
    public enum Axis { X, Y }

    /** @throws IllegalArgumentException when {@code p} is outside {@code [0, 1]} */
    public Flip {
        java.util.Objects.requireNonNull(axis, "axis");
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("flip probability must be in [0, 1], was " + p);
    }

    /** Always mirror in x. */
    public static Flip x() {
        return new Flip(Axis.X, 1);
    }

    /** Always mirror in y. */
    public static Flip y() {
        return new Flip(Axis.Y, 1);
    }

    @Override
    public Events apply(Events events, Rng rng) {
        if (p == 0 || (p < 1 && rng.nextFloat() >= p)) return events;
        int n = events.size();
        short[] x = new short[n];
        short[] y = new short[n];
        int w = events.width();
        int h = events.height();
        for (int i = 0; i < n; i++) {
            x[i] = (short) (axis == Axis.X ? w - 1 - events.x(i) : events.x(i));
            y[i] = (short) (axis == Axis.Y ? h - 1 - events.y(i) : events.y(i));
        }
        return events.moved(w, h, x, y);
    }

    @Override
    public String toString() {
        return "flip-" + axis.name().toLowerCase(java.util.Locale.ROOT) + (p == 1 ? "" : "(p " + p + ")");
    }
}
