package org.snn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Tensor;

class StreamingDatasetTest {
    /** Sample i is i + seed·1e-9 everywhere (the seed made visible), and every read is recorded. */
    private final List<Long> seeds = Collections.synchronizedList(new ArrayList<>());
    private final SampleSource source = (i, dst, off, seed) -> {
        seeds.add(seed);
        for (int j = 0; j < 4; j++) dst[off + j] = i + (seed == 0 ? 0 : 0.5f);
    };

    @Test
    void samplesAreMadeOnDemandWithTheBatchSeed() {
        Dataset d = Dataset.ofSource("s", source, new int[] {0, 1, 1}, 2, 1, 2, 2);
        assertTrue(d.isStreaming());
        assertArrayEquals(new float[] {2, 2, 2, 2}, d.sample(2));
        assertEquals(List.of(0L), seeds);
        Tensor t = Tensor.zeros(2, 1, 2, 2);
        int[] labels = new int[2];
        d.copyBatch(new int[] {2, 0}, 0, 2, t, labels, 99);
        assertArrayEquals(new int[] {1, 0}, labels);
        assertEquals(2.5f, t.data()[0]);
        assertEquals(0.5f, t.data()[4]);
        assertNotEquals(0L, seeds.get(1));
        assertNotEquals(seeds.get(1), seeds.get(2));   // each sample of a batch its own draw
        d.copyBatch(new int[] {2, 0}, 0, 2, t, labels);
        assertEquals(2f, t.data()[0]);
    }

    @Test
    void subsetStatisticsAndLoaderStream() {
        Dataset d = Dataset.ofSource("s", source, new int[] {0, 1, 1, 0}, 2, 1, 2, 2);
        Dataset first = d.subset(2);
        assertTrue(first.isStreaming());
        assertArrayEquals(new float[] {1, 1, 1, 1}, first.sample(1));
        Dataset last = d.range(2, 4);
        assertArrayEquals(d.sample(3), last.sample(1));
        assertArrayEquals(new int[] {1, 0}, last.labels());
        double[][] ms = d.channelMeanStd();
        assertEquals(1.5, ms[0][0], 1e-12);
        assertEquals(Math.sqrt(1.25), ms[1][0], 1e-12);
        seeds.clear();
        try (DataLoader loader = DataLoader.over(d).batchSize(4).seed(3).prefetch(0).build()) {
            loader.epoch(0).next();
        }
        assertTrue(seeds.stream().allMatch(s -> s != 0), "a loader draws augmentation for a streaming set");
    }
}
