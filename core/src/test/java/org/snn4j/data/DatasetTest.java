package org.snn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Tensor;

class DatasetTest {
    private static Dataset bytes() {
        // 3 samples of [2, 1, 2]: sample i holds bytes 10i .. 10i+3
        byte[] px = {0, 1, 2, (byte) 255, 10, 11, 12, 13, 20, 21, 22, 23};
        return Dataset.ofBytes("b", px, new int[] {2, 0, 1}, 3, 2, 1, 2);
    }

    @Test
    void copyBatchScalesBytesAndGathersLabels() {
        Dataset d = bytes();
        Tensor t = Tensor.zeros(2, 2, 1, 2);
        int[] labels = new int[2];
        d.copyBatch(new int[] {9, 0, 2, 9}, 1, 2, t, labels);
        assertArrayEquals(new float[] {0, 1 / 255f, 2 / 255f, 1, 20 / 255f, 21 / 255f, 22 / 255f, 23 / 255f}, t.data());
        assertArrayEquals(new int[] {2, 1}, labels);
        assertArrayEquals(new float[] {10 / 255f, 11 / 255f, 12 / 255f, 13 / 255f}, d.images(1).data());
    }

    @Test
    void floatStorageIsCopiedAsIs() {
        float[] px = {-1, 2, 0.5f, 7};
        Dataset d = Dataset.ofFloats("f", px, new int[] {0, 1}, 2, 1, 1, 2);
        assertArrayEquals(new float[] {0.5f, 7, -1, 2}, d.images(1, 0).data());
        double[][] ms = d.channelMeanStd();
        assertEquals(2.125, ms[0][0], 1e-12);
        assertEquals(Math.sqrt((1 + 4 + 0.25 + 49) / 4.0 - 2.125 * 2.125), ms[1][0], 1e-12);
    }

    @Test
    void channelStatisticsPerChannel() {
        double[][] ms = bytes().channelMeanStd();
        // channel 0 holds bytes 0,1,10,11,20,21; channel 1 holds 2,255,12,13,22,23
        assertEquals((0 + 1 + 10 + 11 + 20 + 21) / 6.0 / 255, ms[0][0], 1e-9);
        assertEquals((2 + 255 + 12 + 13 + 22 + 23) / 6.0 / 255, ms[0][1], 1e-9);
    }

    @Test
    void subsetKeepsTheFirstSamples() {
        Dataset s = bytes().subset(2);
        assertEquals(2, s.size());
        assertEquals("b[:2]", s.name());
        assertArrayEquals(new int[] {2, 0}, s.labels());
        assertArrayEquals(bytes().sample(1), s.sample(1));
        assertArrayEquals(new int[] {1, 1, 1}, bytes().classCounts());
        assertArrayEquals(new int[] {1, 0, 1}, s.classCounts());
    }

    @Test
    void rangeKeepsTheSamplesBetweenItsBounds() {
        Dataset r = bytes().range(1, 3);
        assertEquals("b[1:3]", r.name());
        assertArrayEquals(new int[] {0, 1}, r.labels());
        assertArrayEquals(bytes().sample(1), r.sample(0));
        assertArrayEquals(bytes().sample(2), r.sample(1));
        assertEquals(0, bytes().range(3, 3).size());
        assertEquals("samples [2, 4) of 3", assertThrows(IllegalArgumentException.class, () -> bytes().range(2, 4)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> bytes().range(2, 1));
    }

    @Test
    void wrongBatchShapeAndBadConstructionAreRejected() {
        Dataset d = bytes();
        assertEquals("batch tensor expected [2, 2, 1, 2], was [2, 4]", assertThrows(IllegalArgumentException.class,
                () -> d.copyBatch(new int[] {0, 1}, 0, 2, Tensor.zeros(2, 4), null)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> d.images(3));
        assertThrows(IllegalArgumentException.class, () -> Dataset.ofBytes("x", new byte[3], new int[] {0}, 1, 1, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Dataset.ofBytes("x", new byte[2], new int[] {1}, 1, 1, 1, 2));
    }

    @Test
    void byteCountsAreTheirOwnValues() {
        byte[] counts = {0, 1, 7, (byte) 255, 3, 2};
        Dataset d = Dataset.ofByteCounts("frames", counts, new int[] {1, 0, 1}, 2, 1, 1, 2);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {7, 255}, d.sample(1));
        org.junit.jupiter.api.Assertions.assertFalse(d.isBytePixels());
        Dataset first = d.subset(2);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0, 1}, first.sample(0));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {7, 255}, first.sample(1));
        double[][] ms = d.channelMeanStd();
        org.junit.jupiter.api.Assertions.assertEquals((0 + 1 + 7 + 255 + 3 + 2) / 6.0, ms[0][0], 1e-9);
    }
}
