package org.snn4j.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The one shared thread pool of snn4j. Kernels split work with {@link #forRange}; nothing else in the
 * project creates threads for computation. The thread count defaults to the available processors and
 * is set once per run with {@link #setThreads} (the CLI's {@code --threads}).
 */
public final class Parallel {
    private static volatile int threads = Runtime.getRuntime().availableProcessors();
    private static volatile ForkJoinPool pool = newPool(threads);

    private Parallel() {}

    private static ForkJoinPool newPool(int n) {
        // numbered here: a new worker's pool index is not assigned yet, so every worker was "-0"
        var number = new java.util.concurrent.atomic.AtomicInteger();
        return n <= 1 ? null : new ForkJoinPool(n, p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("snn4j-worker-" + number.getAndIncrement());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /** Sets the number of threads kernels may use (1 = run everything on the caller). */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, was " + n);
        if (n == threads) return;
        ForkJoinPool old = pool;
        threads = n;
        pool = newPool(n);
        if (old != null) old.shutdown();
    }

    /** The current thread count. */
    public static int threads() {
        return threads;
    }

    /** A body over a half-open index range. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over [0, n) split into at most {@link #threads()} contiguous chunks of at least
     * {@code grain} indices each. Runs on the caller when one chunk suffices or when called from a
     * worker (no nested parallelism).
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) return;
        int chunks = Math.min(threads, Math.max(1, n / Math.max(1, grain)));
        ForkJoinPool p = pool;
        if (chunks <= 1 || p == null || java.util.concurrent.ForkJoinTask.getPool() == p) {
            body.run(0, n);
            return;
        }
        p.invoke(new Chunks(body, n, chunks, 0, chunks));
    }

    private static final class Chunks extends RecursiveAction {
        private final RangeBody body;
        private final int n, chunks, first, last;

        Chunks(RangeBody body, int n, int chunks, int first, int last) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.first = first;
            this.last = last;
        }

        @Override
        protected void compute() {
            if (last - first == 1) {
                long from = (long) n * first / chunks, to = (long) n * (first + 1) / chunks;
                body.run((int) from, (int) to);
                return;
            }
            int mid = (first + last) >>> 1;
            invokeAll(new Chunks(body, n, chunks, first, mid), new Chunks(body, n, chunks, mid, last));
        }
    }
}
