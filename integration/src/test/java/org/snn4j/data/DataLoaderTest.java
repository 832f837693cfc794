package org.snn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.datasets.Datasets;

class DataLoaderTest {
    /** 103 samples of [1, 2, 2]; sample i has every pixel equal to i and label i % 7. */
    private static Dataset data() {
        int n = 103;
        float[] px = new float[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(px, i * 4, i * 4 + 4, i);
            labels[i] = i % 7;
        }
        return Dataset.ofFloats("ids", px, labels, 7, 1, 2, 2);
    }

    private static List<DataLoader.Batch> all(DataLoader l, int epoch) {
        List<DataLoader.Batch> out = new ArrayList<>();
        try (DataLoader.Epoch e = l.epoch(epoch)) {
            for (DataLoader.Batch b : e) out.add(b);
        }
        return out;
    }

    private static int[] sampleOrder(List<DataLoader.Batch> batches) {
        return batches.stream().flatMapToInt(b -> Arrays.stream(b.indices())).toArray();
    }

    @Test
    void everySampleExactlyOncePerEpochWithMatchingImagesAndLabels() {
        DataLoader l = DataLoader.over(data()).batchSize(10).seed(3).build();
        List<DataLoader.Batch> batches = all(l, 0);
        assertEquals(11, batches.size());
        assertEquals(11, l.batchesPerEpoch());
        assertEquals(3, batches.getLast().size());
        int[] seen = sampleOrder(batches);
        int[] sorted = seen.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 103; i++) assertEquals(i, sorted[i]);
        for (DataLoader.Batch b : batches) {
            assertArrayEquals(new int[] {b.size(), 1, 2, 2}, b.images().shape());
            for (int k = 0; k < b.size(); k++) {
                assertEquals(b.indices()[k], (int) b.images().data()[k * 4 + 3]);
                assertEquals(b.indices()[k] % 7, b.labels()[k]);
            }
        }
        assertFalse(Arrays.equals(seen, sorted), "shuffled");
        assertArrayEquals(l.order(0), seen);
    }

    @Test
    void dropLastDropsOnlyThePartialBatch() {
        DataLoader l = DataLoader.over(data()).batchSize(10).dropLast(true).build();
        List<DataLoader.Batch> batches = all(l, 2);
        assertEquals(10, batches.size());
        assertEquals(100, l.samplesPerEpoch());
        for (DataLoader.Batch b : batches) assertEquals(10, b.size());
        assertEquals(100, Arrays.stream(sampleOrder(batches)).distinct().count());
    }

    @Test
    void orderDependsOnlyOnSeedAndEpoch() {
        DataLoader a = DataLoader.over(data()).batchSize(16).seed(5).build();
        DataLoader b = DataLoader.over(data()).batchSize(16).seed(5).prefetch(0).build();
        all(a, 0); // a's history must not matter
        assertArrayEquals(sampleOrder(all(b, 3)), sampleOrder(all(a, 3)));
        assertFalse(Arrays.equals(sampleOrder(all(a, 3)), sampleOrder(all(a, 4))));
        DataLoader other = DataLoader.over(data()).batchSize(16).seed(6).build();
        assertFalse(Arrays.equals(sampleOrder(all(a, 3)), sampleOrder(all(other, 3))));
        DataLoader plain = DataLoader.over(data()).batchSize(16).shuffle(false).build();
        int[] identity = new int[103];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, sampleOrder(all(plain, 9)));
    }

    @Test
    void prefetchGivesTheSameBatchesAsBuildingInline() {
        Dataset d = Datasets.load("mnist-10k", null, false).subset(300);
        Transform[] t = {new RandomCrop(2), new HorizontalFlip(), Normalize.fit(d)};
        for (int depth : new int[] {1, 2}) {
            DataLoader inline = DataLoader.over(d).batchSize(32).seed(9).transforms(t).prefetch(0).build();
            DataLoader ahead = DataLoader.over(d).batchSize(32).seed(9).transforms(t).prefetch(depth).build();
            List<DataLoader.Batch> x = all(inline, 1), y = all(ahead, 1);
            assertEquals(x.size(), y.size());
            for (int i = 0; i < x.size(); i++) {
                assertArrayEquals(x.get(i).indices(), y.get(i).indices());
                assertArrayEquals(x.get(i).labels(), y.get(i).labels());
                assertArrayEquals(x.get(i).images().data(), y.get(i).images().data());
                assertEquals(i, y.get(i).index());
            }
            // augmentation really happened and differs between epochs
            assertNotEquals(Arrays.hashCode(x.get(0).images().data()), Arrays.hashCode(all(inline, 2).get(0).images().data()));
        }
    }

    @Test
    void resumingMidEpochSeesTheRemainingBatches() {
        DataLoader l = DataLoader.over(data()).batchSize(8).seed(2).transforms(new HorizontalFlip()).build();
        List<DataLoader.Batch> full = all(l, 4);
        try (DataLoader.Epoch e = l.epoch(4, 5)) {
            for (int i = 5; i < full.size(); i++) {
                DataLoader.Batch b = e.next();
                assertEquals(i, b.index());
                assertArrayEquals(full.get(i).indices(), b.indices());
                assertArrayEquals(full.get(i).images().data(), b.images().data());
            }
            assertFalse(e.hasNext());
            assertThrows(NoSuchElementException.class, e::next);
        }
    }

    @Test
    void producerFailureSurfacesInTheConsumer() {
        Snn4jException boom = new Snn4jException("transform failed");
        int[] calls = {0};
        Transform failing = (batch, rng) -> {
            if (++calls[0] == 3) throw boom;
        };
        DataLoader l = DataLoader.over(data()).batchSize(10).transforms(failing).prefetch(2).build();
        try (DataLoader.Epoch e = l.epoch(0)) {
            e.next();
            e.next();
            assertSame(boom, assertThrows(Snn4jException.class, e::next));
            assertFalse(e.hasNext());
        }
    }

    @Test
    void closeStopsTheProducerThread() throws Exception {
        DataLoader l = DataLoader.over(data()).batchSize(1).prefetch(1).build();
        DataLoader.Epoch e = l.epoch(0);
        e.next();
        assertTrue(prefetchThreads() >= 1);
        l.close();
        assertFalse(e.hasNext());
        for (int i = 0; i < 100 && prefetchThreads() > 0; i++) Thread.sleep(10);
        assertEquals(0, prefetchThreads());
        // a new epoch can be opened after close, and opening one closes the previous
        DataLoader.Epoch f = l.epoch(1);
        DataLoader.Epoch g = l.epoch(2);
        assertFalse(f.hasNext());
        assertEquals(0, g.next().index());
        l.close();
    }

    private static long prefetchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("snn4j-data-prefetch") && t.isAlive()).count();
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DataLoader.over(data()).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.over(data()).prefetch(3));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.over(data()).build().epoch(0, 99));
    }
}
