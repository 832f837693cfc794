package org.snn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.datasets.Datasets;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class TransformsTest {
    private static Tensor ramp(int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = i + 1;
        return t;
    }

    @Test
    void normalizeIsPerChannel() {
        Tensor t = new Tensor(new float[] {1, 3, 10, 20, 5, 7, 30, 40}, 2, 2, 1, 2);
        new Normalize(new float[] {1, 10}, new float[] {2, 5}).apply(t, null);
        assertArrayEquals(new float[] {0, 1, 0, 2, 2, 3, 4, 6}, t.data());
        assertEquals("normalize: channels expected 2, was 1", assertThrows(Snn4jException.class,
                () -> new Normalize(new float[] {1, 10}, new float[] {2, 5}).apply(Tensor.zeros(1, 1, 2, 2), null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new float[] {0}, new float[] {0}));
    }

    @Test
    void fittedNormalizeGivesZeroMeanUnitStd() {
        Dataset d = Datasets.load("mnist-10k", null, false).subset(500);
        Normalize n = Normalize.fit(d);
        int[] all = new int[d.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        Tensor t = d.images(all);
        n.apply(t, null);
        double s = 0, s2 = 0;
        for (float v : t.data()) {
            s += v;
            s2 += v * v;
        }
        assertEquals(0, s / t.size(), 1e-4);
        assertEquals(1, s2 / t.size(), 1e-3);
    }

    @Test
    void flipWithProbabilityOneMirrorsRows() {
        Tensor t = ramp(1, 2, 2, 3);
        new HorizontalFlip(1f).apply(t, new Rng(1));
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10}, t.data());
        Tensor u = ramp(1, 1, 1, 3);
        new HorizontalFlip(0f).apply(u, new Rng(1));
        assertArrayEquals(new float[] {1, 2, 3}, u.data());
    }

    @Test
    void cropShiftsAndZeroFillsLikeTheDefinition() {
        int n = 40, c = 2, h = 5, w = 4, pad = 2;
        Tensor t = ramp(n, c, h, w);
        Tensor in = t.copy();
        new RandomCrop(pad).apply(t, new Rng(7));
        // replay the same draws and compute out[c][y][x] = in[c][y+dy][x+dx] (0 outside) directly
        Rng rng = new Rng(7);
        boolean anyShift = false;
        for (int s = 0; s < n; s++) {
            int dy = rng.nextInt(2 * pad + 1) - pad, dx = rng.nextInt(2 * pad + 1) - pad;
            anyShift |= dy != 0 || dx != 0;
            for (int ch = 0; ch < c; ch++)
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++) {
                        int sy = y + dy, sx = x + dx;
                        float expected = sy >= 0 && sy < h && sx >= 0 && sx < w
                                ? in.data()[((s * c + ch) * h + sy) * w + sx] : 0f;
                        assertEquals(expected, t.data()[((s * c + ch) * h + y) * w + x], "sample " + s);
                    }
        }
        assertEquals(true, anyShift);
    }

    @Test
    void randomTransformsAreDeterministicForASeed() {
        Tensor a = ramp(16, 3, 8, 8), b = ramp(16, 3, 8, 8), c = ramp(16, 3, 8, 8);
        Transform crop = new RandomCrop(3), flip = new HorizontalFlip();
        Rng r1 = new Rng(11), r2 = new Rng(11), r3 = new Rng(12);
        for (Transform t : new Transform[] {crop, flip}) {
            t.apply(a, r1);
            t.apply(b, r2);
            t.apply(c, r3);
        }
        assertArrayEquals(a.data(), b.data());
        assertFalse(Arrays.equals(a.data(), c.data()));
        assertThrows(IllegalArgumentException.class, () -> crop.apply(Tensor.zeros(2, 3), new Rng(1)));
    }
}
