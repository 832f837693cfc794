package org.snn4j.events;

import org.snn4j.tensor.Rng;

/**
 * Spatial crop: keeps the events inside the window {@code [x0, x0 + width) × [y0, y0 + height)} and moves
 * them to a sensor of the window's size (the window's corner becomes {@code (0, 0)}). A window reaching
 * past the sensor keeps what lies inside it.
 */
public record Crop(int x0, int y0, int width, int height) implements EventTransform {
    /** @throws IllegalArgumentException for a negative corner or a window side outside {@code [1, MAX_SIDE]} */
    public Crop {
        if (x0 < 0 || y0 < 0) throw new IllegalArgumentException("crop corner (" + x0 + ", " + y0 + ") is negative");
        if (width < 1 || height < 1 || width > Events.MAX_SIDE || height > Events.MAX_SIDE) {
            throw new IllegalArgumentException("crop window " + width + "x" + height + " outside [1, " + Events.MAX_SIDE + "]");
        }
    }

    /** The {@code width × height} window centred on a {@code sensorWidth × sensorHeight} sensor (Tonic's {@code CenterCrop}). */
    public static Crop center(int sensorWidth, int sensorHeight, int width, int height) {
        if (width > sensorWidth || height > sensorHeight) {
            throw new IllegalArgumentException("crop window " + width + "x" + height + " larger than the " + sensorWidth + "x"
                    + sensorHeight + " sensor");
        }
        return new Crop((sensorWidth - width) / 2, (sensorHeight - height) / 2, width, height);
    }

    @Override
    public Events apply(Events events, Rng rng) {
        int n = events.size();
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            int x = events.x(i) - x0;
            int y = events.y(i) - y0;
            keep[i] = x >= 0 && x < width && y >= 0 && y < height;
        }
        Events inside = events.keep(keep);
        int m = inside.size();
        short[] x = new short[m];
        short[] y = new short[m];
        for (int i = 0; i < m; i++) {
            x[i] = (short) (inside.x(i) - x0);
            y[i] = (short) (inside.y(i) - y0);
        }
        return inside.moved(width, height, x, y);
    }

    @Override
    public String toString() {
        return "crop(" + x0 + "," + y0 + "," + width + "x" + height + ")";
    }
}
