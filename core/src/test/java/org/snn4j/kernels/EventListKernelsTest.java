package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;

class EventListKernelsTest {
    /** The non-zero entries of each (image, channel) plane of {@code x}, as lists. */
    private record Lists(int[] start, int[] index, float[] value) {
        static Lists of(ConvGeometry g, float[] x) {
            int plane = g.h() * g.w(), lists = g.n() * g.c();
            int[] start = new int[lists + 1];
            int[] index = new int[x.length];
            float[] value = new float[x.length];
            int at = 0;
            for (int l = 0; l < lists; l++) {
                start[l] = at;
                for (int p = 0; p < plane; p++) {
                    if (x[l * plane + p] != 0) {
                        index[at] = p;
                        value[at++] = x[l * plane + p];
                    }
                }
            }
            start[lists] = at;
            return new Lists(start, index, value);
        }
    }

    @Test
    void listsGiveTheDenseKernelsOutputBitForBit() {
        // event-camera frames: counts 1..4 at a few percent of the pixels; strides, paddings, K below and above one k block
        int[][] shapes = {{6, 2, 34, 34, 16, 3, 1, 1}, {4, 2, 17, 13, 8, 5, 2, 2}, {3, 40, 9, 9, 24, 3, 1, 0}, {2, 1, 7, 7, 5, 1, 1, 0}};
        Rng rng = new Rng(11);
        for (int[] s : shapes) {
            ConvGeometry g = new ConvGeometry(s[0], s[1], s[2], s[3], s[4], s[5], s[5], s[6], s[6], s[7], s[7]);
            float[] x = new float[g.inputSize()];
            for (int i = 0; i < x.length; i++) if (rng.nextFloat() < 0.05f) x[i] = 1 + rng.nextInt(4);
            float[] w = new float[g.outC() * g.patch()];
            rng.fillGaussian(w, 0.3);
            float[] bias = new float[g.outC()];
            rng.fillGaussian(bias, 0.1);
            float[] dense = new float[g.outputSize()];
            Conv2dKernels.forward(g, x, w, bias, dense);
            float[] byEvents = new float[g.outputSize()];
            float[] channelLast = EventKernels.transposed(g.outC(), g.patch(), w);
            long ops = EventKernels.convForward(g, x, channelLast, bias, byEvents);
            Lists l = Lists.of(g, x);
            float[] fromLists = new float[g.outputSize()];
            assertEquals(ops, EventListKernels.convForward(g, l.start(), l.index(), l.value(), channelLast, bias, fromLists),
                    "synaptic operations");
            assertArrayEquals(dense, fromLists, 0f, java.util.Arrays.toString(s));
            assertArrayEquals(byEvents, fromLists, 0f);
            // no events at all: the bias alone
            float[] none = new float[g.outputSize()];
            EventListKernels.convForward(g, new int[g.n() * g.c() + 1], new int[0], new float[0], channelLast, bias, none);
            for (int i = 0; i < none.length; i++) assertEquals(bias[i / g.outPlane() % g.outC()], none[i], 0f);
        }
    }

    @Test
    void malformedListsAreRefused() {
        ConvGeometry g = new ConvGeometry(1, 1, 3, 3, 2, 3, 3, 1, 1, 1, 1);
        float[] w = new float[9 * EventKernels.padded(2)];
        float[] y = new float[18];
        assertThrows(IllegalArgumentException.class,
                () -> EventListKernels.convForward(g, new int[] {0, 2}, new int[] {4, 3}, new float[] {1, 1}, w, null, y));  // not ascending
        assertThrows(IllegalArgumentException.class,
                () -> EventListKernels.convForward(g, new int[] {0, 1}, new int[] {9}, new float[] {1}, w, null, y));  // outside
        assertThrows(IllegalArgumentException.class,
                () -> EventListKernels.convForward(g, new int[] {0, 2}, new int[] {1}, new float[] {1}, w, null, y));  // too few
        assertThrows(IllegalArgumentException.class,
                () -> EventListKernels.convForward(g, new int[] {0}, new int[0], new float[0], w, null, y));  // boundaries
        assertThrows(IllegalArgumentException.class,
                () -> EventListKernels.convForward(g, new int[] {0, 0}, new int[0], new float[0], w, null, new float[5]));
    }
}
