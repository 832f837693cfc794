package org.snn4j.events;

import org.snn4j.tensor.Rng;

/**
 * An emulated event camera looking at a still image moved along small saccades, as N-MNIST was recorded
 * (Orchard et al. 2015: an ATIS sensor on a pan-tilt unit making three saccades of about 100 ms over
 * each MNIST digit, a 34×34 window): EMULATED events, not a recording.
 *
 * <p>The image (values in [0, 1], {@code imageWidth × imageHeight}) is placed on the sensor at an offset
 * that moves at constant speed along the triangle A → B → C → A, one saccade per edge, each {@code
 * saccadeUs} long; A, B, C are (1, 1), (5, 3), (1, 5) in units of a sixth of the margin between sensor
 * and image, so the image stays on the sensor. Every {@code stepUs} each pixel samples the log intensity
 * {@code log(I + 0.1)} at its position in the image (bilinear, in the log domain; 0 outside the image);
 * when it has changed by its contrast threshold since the pixel's last event, the pixel emits an ON (up)
 * or OFF (down) event, as many as whole thresholds were crossed, each at the time the linear change within
 * the step crossed its level. Each pixel's threshold is {@code contrast · (1 + spread · g)} with g
 * standard normal from the seeded stream (the pixel-to-pixel mismatch of real sensors), at least a tenth
 * of {@code contrast}; the same image and seed give the same events. There is no noise, refractory
 * period or latency model.
 *
 * @param sensorWidth sensor width (at least the image's)
 * @param sensorHeight sensor height
 * @param contrast log-intensity change per event, &gt; 0
 * @param spread relative standard deviation of the per-pixel thresholds, ≥ 0
 * @param saccadeUs duration of each of the three saccades, µs
 * @param stepUs simulation step, µs (divides {@code saccadeUs})
 */
public record SaccadeEmulator(int sensorWidth, int sensorHeight, double contrast, double spread, long saccadeUs, long stepUs) {
    private static final double LOG_OFFSET = 0.1;
    /** Triangle vertices in sixths of the margin (x, y). */
    private static final int[][] PATH = {{1, 1}, {5, 3}, {1, 5}};

    /** @throws IllegalArgumentException for a parameter out of range */
    public SaccadeEmulator {
        if (sensorWidth < 1 || sensorHeight < 1 || sensorWidth > Events.MAX_SIDE || sensorHeight > Events.MAX_SIDE) {
            throw new IllegalArgumentException("sensor " + sensorWidth + "x" + sensorHeight);
        }
        if (!(contrast > 0) || !(spread >= 0) || Double.isInfinite(contrast) || Double.isInfinite(spread)) {
            throw new IllegalArgumentException("contrast " + contrast + " must be > 0 and spread " + spread + " >= 0");
        }
        if (stepUs < 1 || saccadeUs < stepUs || saccadeUs % stepUs != 0) {
            throw new IllegalArgumentException("saccade " + saccadeUs + " us must be a positive multiple of the step " + stepUs + " us");
        }
    }

    /** N-MNIST's geometry: 34×34 sensor, three 100 ms saccades, 1 ms steps; contrast 0.25, spread 0.05. */
    public static SaccadeEmulator nmnistLike() {
        return new SaccadeEmulator(34, 34, 0.25, 0.05, 100_000, 1_000);
    }

    /**
     * The events of one image.
     *
     * @param image row-major {@code imageWidth × imageHeight} intensities in [0, 1] (clamped)
     * @param seed seeds the per-pixel thresholds
     * @throws IllegalArgumentException when the image is larger than the sensor or the array's length is wrong
     */
    public Events emulate(float[] image, int imageWidth, int imageHeight, long seed) {
        if (imageWidth > sensorWidth || imageHeight > sensorHeight || image.length != imageWidth * imageHeight) {
            throw new IllegalArgumentException("image " + imageWidth + "x" + imageHeight + " (" + image.length + " values) on a "
                    + sensorWidth + "x" + sensorHeight + " sensor");
        }
        Canvas canvas = new Canvas(image, imageWidth, imageHeight, sensorWidth, sensorHeight);
        double mx = (sensorWidth - imageWidth) / 6.0;
        double my = (sensorHeight - imageHeight) / 6.0;
        int[] active = canvas.activePixels(mx, my);  // pixels that see something other than background
        int n = active.length;
        int[] bases = canvas.bases(active);
        float[] threshold = new float[n];
        Rng rng = new Rng(seed);
        for (int k = 0; k < n; k++) threshold[k] = (float) Math.max(contrast / 10, contrast * (1 + spread * rng.nextGaussian()));
        float[] previous = new float[n];
        canvas.sample(bases, PATH[0][0] * mx, PATH[0][1] * my, previous);
        float[] reference = previous.clone();
        float[] value = new float[n];
        EventsBuilder out = new EventsBuilder(sensorWidth, sensorHeight, 4096);
        StepEvents step = new StepEvents();
        long stepsPerSaccade = saccadeUs / stepUs;
        for (int s = 0; s < 3; s++) {
            int[] from = PATH[s];
            int[] to = PATH[(s + 1) % 3];
            for (long k = 1; k <= stepsPerSaccade; k++) {
                double f = (double) k / stepsPerSaccade;
                canvas.sample(bases, (from[0] + f * (to[0] - from[0])) * mx, (from[1] + f * (to[1] - from[1])) * my, value);
                step.clear();
                for (int q = 0; q < n; q++) {
                    float v = value[q];
                    float before = previous[q];
                    if (v == before) continue;
                    previous[q] = v;
                    float th = threshold[q];
                    while (v - reference[q] >= th) {
                        reference[q] += th;
                        step.add(crossing(before, v, reference[q]), active[q], 1);
                    }
                    while (reference[q] - v >= th) {
                        reference[q] -= th;
                        step.add(crossing(before, v, reference[q]), active[q], 0);
                    }
                }
                step.appendSorted(out, sensorWidth, s * saccadeUs + (k - 1) * stepUs);
            }
        }
        return out.build();
    }

    /** When, in µs after the step's start, a linear change from {@code a} to {@code b} over the step passed {@code level}. */
    private long crossing(float a, float b, float level) {
        double f = (level - a) / (double) (b - a);
        return Math.max(0, Math.min(stepUs - 1, (long) (f * stepUs)));
    }

    /**
     * log(I + 0.1) of the image on a canvas large enough that every sensor pixel, at every offset of the
     * path, samples inside it (background around the image), so the sampling loop needs no bounds tests.
     */
    private static final class Canvas {
        private final float[] log;
        private final boolean[] lit;
        private final int width;
        private final int sensorWidth;
        private final int sensorHeight;

        Canvas(float[] image, int w, int h, int sensorWidth, int sensorHeight) {
            this.sensorWidth = sensorWidth;
            this.sensorHeight = sensorHeight;
            width = 2 * sensorWidth + 2;  // image coordinate u in [-sensorWidth, sensorWidth] lands at u + sensorWidth
            int height = 2 * sensorHeight + 2;
            log = new float[width * height];
            lit = new boolean[width * height];
            java.util.Arrays.fill(log, (float) Math.log(LOG_OFFSET));
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float i = Math.max(0f, Math.min(1f, image[y * w + x]));
                    int c = (y + sensorHeight) * width + x + sensorWidth;
                    log[c] = (float) Math.log(i + LOG_OFFSET);
                    lit[c] = i > 0;
                }
            }
        }

        /** Canvas index of sensor pixel {@code p} when the image sits at offset (0, 0). */
        private int base(int p) {
            return (p / sensorWidth + sensorHeight) * width + p % sensorWidth + sensorWidth;
        }

        /** The sensor pixels whose samples along the path (offsets in [0, 6·m]) can touch a lit image pixel. */
        int[] activePixels(double mx, double my) {
            int reachX = (int) Math.ceil(6 * mx) + 1;
            int reachY = (int) Math.ceil(6 * my) + 1;
            int[] found = new int[sensorWidth * sensorHeight];
            int n = 0;
            for (int p = 0; p < found.length; p++) {
                int b = base(p);
                search:
                for (int dy = -reachY; dy <= 1; dy++) {
                    for (int dx = -reachX; dx <= 1; dx++) {
                        if (lit[b + dy * width + dx]) {
                            found[n++] = p;
                            break search;
                        }
                    }
                }
            }
            return java.util.Arrays.copyOf(found, n);
        }

        /** The canvas index of each of the sensor pixels {@code pixels} at offset (0, 0). */
        int[] bases(int[] pixels) {
            int[] b = new int[pixels.length];
            for (int q = 0; q < b.length; q++) b[q] = base(pixels[q]);
            return b;
        }

        /** Bilinear samples of the pixels whose {@link #bases} are {@code bases} with the image at offset (ox, oy) ≥ 0, into {@code out}. */
        void sample(int[] bases, double ox, double oy, float[] out) {
            int ix = (int) Math.floor(-ox);
            int iy = (int) Math.floor(-oy);
            float fx = (float) (-ox - ix);
            float fy = (float) (-oy - iy);
            int shift = iy * width + ix;
            for (int q = 0; q < bases.length; q++) {
                int i = bases[q] + shift;
                float top = log[i] + fx * (log[i + 1] - log[i]);
                float bottom = log[i + width] + fx * (log[i + width + 1] - log[i + width]);
                out[q] = top + fy * (bottom - top);
            }
        }
    }

    /** One step's events, sorted by their time within the step (then by emission order) before they join the recording. */
    private static final class StepEvents {
        private long[] keys = new long[256];
        private int[] pixels = new int[256];
        private byte[] polarities = new byte[256];
        private int size;

        void clear() {
            size = 0;
        }

        void add(long offsetUs, int pixel, int polarity) {
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
                pixels = java.util.Arrays.copyOf(pixels, size * 2);
                polarities = java.util.Arrays.copyOf(polarities, size * 2);
            }
            keys[size] = (offsetUs << 32) | size;  // sorting the keys sorts by time, then by emission order
            pixels[size] = pixel;
            polarities[size] = (byte) polarity;
            size++;
        }

        void appendSorted(EventsBuilder out, int width, long startUs) {
            java.util.Arrays.sort(keys, 0, size);
            for (int j = 0; j < size; j++) {
                long k = keys[j];
                int i = (int) k;
                out.add(startUs + (k >>> 32), pixels[i] % width, pixels[i] / width, polarities[i]);
            }
        }
    }
}
