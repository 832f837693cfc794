package org.snn4j.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Iterates a {@link Dataset} in batches, one epoch at a time.
 *
 * <p>Determinism: the sample order of epoch {@code e} is a shuffle seeded by {@code (seed, e)} only,
 * and the transforms of batch {@code b} draw from a stream seeded by {@code (seed, e, b)} only. So a
 * run resumed at epoch {@code e} (even at batch {@code b}) sees exactly the batches it would have seen,
 * and prefetching changes nothing but timing.
 *
 * <p>With {@code prefetch > 0} one daemon thread builds the next batches of the open epoch into a
 * queue of that many (1 or 2) while the caller trains on the current one; it never uses the kernels'
 * pool. An exception thrown while building a batch is rethrown by {@link Epoch#next()}. Opening a new
 * epoch or {@link #close()} stops the previous producer.
 *
 * <pre>{@code
 * try (DataLoader loader = DataLoader.over(train).batchSize(64).seed(1).transforms(flip).build()) {
 *     for (Batch b : loader.epoch(e)) step(b.images(), b.labels());
 * }
 * }</pre>
 */
public final class DataLoader implements AutoCloseable {
    /**
     * One batch: {@code images} {@code [N, C, H, W]} (fresh, the caller may keep or modify it),
     * {@code labels} and dataset {@code indices} of its N samples, and its place in the run.
     */
    public record Batch(Tensor images, int[] labels, int[] indices, int epoch, int index) {
        public int size() {
            return labels.length;
        }
    }

    private final Dataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;
    private final List<Transform> transforms;
    private final int prefetch;
    private Epoch open;

    private DataLoader(Builder b) {
        this.data = b.data;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.seed = b.seed;
        this.transforms = List.copyOf(b.transforms);
        this.prefetch = b.prefetch;
    }

    /** Starts configuring a loader over {@code data}. */
    public static Builder over(Dataset data) {
        return new Builder(Objects.requireNonNull(data, "data"));
    }

    /** Options; defaults: batch 64, shuffled, seed 0, last partial batch kept, no transforms, prefetch 1. */
    public static final class Builder {
        private final Dataset data;
        private int batchSize = 64;
        private boolean shuffle = true;
        private boolean dropLast;
        private long seed;
        private List<Transform> transforms = List.of();
        private int prefetch = 1;

        private Builder(Dataset data) {
            this.data = data;
        }

        public Builder batchSize(int n) {
            if (n <= 0) throw new IllegalArgumentException("batch size " + n);
            this.batchSize = n;
            return this;
        }

        /** Shuffle each epoch (true) or keep dataset order (false). */
        public Builder shuffle(boolean on) {
            this.shuffle = on;
            return this;
        }

        /** Drop the last batch when it has fewer than {@code batchSize} samples. */
        public Builder dropLast(boolean on) {
            this.dropLast = on;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Transforms applied in order to each batch. */
        public Builder transforms(Transform... t) {
            this.transforms = List.of(t);
            return this;
        }

        /** Batches built ahead on the background thread: 0 (none, all on the caller's thread), 1 or 2. */
        public Builder prefetch(int batches) {
            if (batches < 0 || batches > 2) throw new IllegalArgumentException("prefetch " + batches + " not in [0, 2]");
            this.prefetch = batches;
            return this;
        }

        public DataLoader build() {
            return new DataLoader(this);
        }
    }

    public Dataset dataset() {
        return data;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Number of batches per epoch. */
    public int batchesPerEpoch() {
        int n = data.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Number of samples seen per epoch (all of them unless the last batch is dropped). */
    public int samplesPerEpoch() {
        return dropLast ? batchesPerEpoch() * batchSize : data.size();
    }

    /** The sample order of epoch {@code epoch}: a permutation of {@code [0, size)} fixed by (seed, epoch). */
    public int[] order(int epoch) {
        int[] idx = new int[data.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        if (shuffle) new Rng(mix(seed, epoch)).shuffle(idx);
        return idx;
    }

    /** Opens epoch {@code epoch} from its first batch (closing any epoch still open). */
    public Epoch epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /** Opens epoch {@code epoch} starting at batch {@code fromBatch}, as a resumed run needs. */
    public synchronized Epoch epoch(int epoch, int fromBatch) {
        if (fromBatch < 0 || fromBatch > batchesPerEpoch()) {
            throw new IllegalArgumentException("batch " + fromBatch + " of " + batchesPerEpoch());
        }
        if (open != null) open.close();
        open = new Epoch(epoch, fromBatch);
        return open;
    }

    /** Stops the background producer, if any. The loader can open new epochs afterwards. */
    @Override
    public synchronized void close() {
        if (open != null) open.close();
        open = null;
    }

    /** Builds batch {@code b} of an epoch with sample order {@code order}. */
    private Batch build(int epoch, int b, int[] order) {
        int from = b * batchSize;
        int count = Math.min(batchSize, order.length - from);
        Tensor images = Tensor.zeros(Tensor.concat(new int[] {count}, data.sampleShape()));
        int[] labels = new int[count];
        data.copyBatch(order, from, count, images, labels, data.isStreaming() ? streamSeed(seed, epoch, b) : 0);
        if (!transforms.isEmpty()) {
            Rng rng = transformRng(seed, epoch, b);
            for (Transform t : transforms) t.apply(images, rng);
        }
        int[] indices = new int[count];
        System.arraycopy(order, from, indices, 0, count);
        return new Batch(images, labels, indices, epoch, b);
    }

    /** The seed of a streaming set's augmentation of batch {@code batch} of epoch {@code epoch} ({@link Dataset#copyBatch}). */
    public static long streamSeed(long seed, int epoch, int batch) {
        return mix(mix(seed ^ 0x2545F4914F6CDD1DL, epoch), batch) | 1;
    }

    /**
     * The stream the transforms of batch {@code batch} of epoch {@code epoch} draw from, applied to the whole
     * batch in sample order (so a machine computing part of a batch transforms the whole batch to get the same draws).
     */
    public static Rng transformRng(long seed, int epoch, int batch) {
        return new Rng(mix(mix(seed ^ 0x5DEECE66DL, epoch), batch));
    }

    /** A well-mixed 64-bit seed from two values (SplitMix64 finalizer over a golden-ratio combination). */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The batches of one epoch, in order; iterate once, then close (or let it run to the end). */
    public final class Epoch implements Iterator<Batch>, Iterable<Batch>, AutoCloseable {
        private static final Object END = new Object();

        private final int epoch;
        private final int[] order;
        private final int batches;
        private int next;
        private final BlockingQueue<Object> queue;
        private final Thread producer;
        private volatile boolean closed;

        private Epoch(int epoch, int fromBatch) {
            this.epoch = epoch;
            this.order = order(epoch);
            this.batches = batchesPerEpoch();
            this.next = fromBatch;
            if (prefetch > 0 && fromBatch < batches) {
                queue = new ArrayBlockingQueue<>(prefetch);
                producer = Thread.ofPlatform().daemon().name("snn4j-data-prefetch").unstarted(() -> produce(fromBatch));
                producer.start();
            } else {
                queue = null;
                producer = null;
            }
        }

        private void produce(int fromBatch) {
            try {
                for (int b = fromBatch; b < batches && !closed; b++) queue.put(build(epoch, b, order));
                queue.put(END);
            } catch (InterruptedException e) {
                // closed by the consumer: nothing left to deliver
            } catch (RuntimeException | Error e) {
                try {
                    queue.put(new Failure(e));
                } catch (InterruptedException ignored) {
                    // closed by the consumer while reporting: the failure no longer matters
                }
            }
        }

        private record Failure(Throwable cause) {}

        /** The epoch number. */
        public int number() {
            return epoch;
        }

        @Override
        public boolean hasNext() {
            return !closed && next < batches;
        }

        /**
         * The next batch.
         *
         * @throws NoSuchElementException after the last batch or once closed
         * @throws RuntimeException whatever building the batch threw (also on the background thread)
         */
        @Override
        public Batch next() {
            if (!hasNext()) throw new NoSuchElementException("epoch " + epoch + " has no batch " + next);
            if (producer == null) return build(epoch, next++, order);
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Snn4jException("interrupted while waiting for batch " + next + " of epoch " + epoch);
            }
            if (o instanceof Failure f) {
                close();
                if (f.cause instanceof RuntimeException r) throw r;
                throw (Error) f.cause;
            }
            if (o == END) throw new IllegalStateException("producer ended before batch " + next);
            next++;
            return (Batch) o;
        }

        @Override
        public Iterator<Batch> iterator() {
            return this;
        }

        /** Stops the producer thread (waits for it briefly) and ends the iteration. Idempotent. */
        @Override
        public void close() {
            if (closed) return;
            closed = true;
            if (producer != null) {
                producer.interrupt();
                queue.clear();
                try {
                    producer.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
