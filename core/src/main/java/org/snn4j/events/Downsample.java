package org.snn4j.events;

import org.snn4j.tensor.Rng;

/**
 * Spatial downsampling by integer factors: the event at {@code (x, y)} moves to {@code (x / fx, y / fy)}
 * on a sensor of {@code ceil(width / fx) × ceil(height / fy)}; every event is kept (so a coarse pixel
 * counts the events of its {@code fx × fy} block). Tonic's {@code Downsample} with {@code spatial_factor
 * = 1/f}, except that a partial block at the edge keeps its own coarse pixel instead of being cut off.
 */
public record Downsample(int factorX, int factorY) implements EventTransform {
    /** @throws IllegalArgumentException when a factor is below 1 */
    public Downsample {
        if (factorX < 1 || factorY < 1) throw new IllegalArgumentException("downsample factors must be >= 1, were " + factorX + ", " + factorY);
    }

    /** The same factor in x and y. */
    public static Downsample by(int factor) {
        return new Downsample(factor, factor);
    }

    /** The width of the downsampled sensor. */
    public int width(int width) {
        return (width + factorX - 1) / factorX;
    }

    /** The height of the downsampled sensor. */
    public int height(int height) {
        return (height + factorY - 1) / factorY;
    }

    @Override
    public Events apply(Events events, Rng rng) {
        if (factorX == 1 && factorY == 1) return events;
        int n = events.size();
        short[] x = new short[n];
        short[] y = new short[n];
        for (int i = 0; i < n; i++) {
            x[i] = (short) (events.x(i) / factorX);
            y[i] = (short) (events.y(i) / factorY);
        }
        return events.moved(width(events.width()), height(events.height()), x, y);
    }

    @Override
    public String toString() {
        return "downsample(" + factorX + "x" + factorY + ")";
    }
}
