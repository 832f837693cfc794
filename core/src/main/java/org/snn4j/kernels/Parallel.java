package org.snn4j.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * How kernels split work across threads; nothing else in the project creates threads for computation.
 * {@link #forRange} splits across the {@link ComputePool} the calling thread runs its work in
 * ({@link ComputePool#run}), or outside any across the process-wide pool, whose thread count defaults to
 * the available processors and is set with {@link #setThreads} (the CLI's {@code --threads}).
 *
 * <p><b>Determinism.</b> For a given thread count every kernel gives the same bits on every run, alone or
 * beside other work in other pools: a range is cut into chunks by its length, grain and the thread count
 * only, each output element is written by one chunk, and partial sums across chunks (a convolution's
 * weight gradient per slot, a neuron layer's parameter gradients per block of neurons) are added in chunk
 * order, never in the order threads finish. The thread count itself changes some sums: a convolution's
 * weight and bias gradients by GEMM (slots, and images per GEMM, follow it; measured: every convolution weight
 * gradient of W1, VGG-7 and ResNet-8 differs between 1 and 2 to 4 threads) and, possibly, a neuron
 * layer's leak and threshold gradients (blocks of neurons); so training is reproducible for a given seed
 * and thread count. Forward passes (inference, conversion) do not depend on it: each output is summed
 * over the same terms in the same order whatever the chunking (measured: the same readouts at 1 to 4
 * threads for those three presets; {@code ExecutorPoolTest} checks W1).
 *
 * <p>{@link #forPieces} deals a range out in pieces to whichever thread is free first, for work whose cost
 * varies along the range (a spiking layer's events grow over the time steps, which a batch lays out one after
 * the other): which thread runs a piece then depends on timing, so it serves only bodies whose every index
 * writes its own outputs, and whose counts across pieces are exact (integer sums, a minimum).
 */
public final class Parallel {
    private static volatile ComputePool shared = ComputePool.shared(Runtime.getRuntime().availableProcessors());

    private Parallel() {}

    /**
     * Sets the number of threads of the process-wide pool, which kernels use outside any
     * {@link ComputePool#run} (1 = run everything on the caller).
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, was " + n);
        ComputePool old = shared;
        if (n == old.threads()) return;
        shared = ComputePool.shared(n);
        old.close();
    }

    /** The thread count kernels split work by on this thread: its compute pool's, else the process-wide one. */
    public static int threads() {
        return Thread.currentThread() instanceof ComputePool.Worker w ? w.pool.threads() : ComputePool.current(shared).threads();
    }

    /** Elements a thread should take at least when a copy or transpose is split (tens of microseconds of work). */
    private static final int COPY_GRAIN = 1 << 15;

    /**
     * The grain for {@link #forRange} over items of {@code elements} elements each that are copied or transposed:
     * enough items for {@value #COPY_GRAIN} elements per thread, so that small arrays stay on the caller.
     */
    public static int grainFor(int elements) {
        return Math.max(1, COPY_GRAIN / Math.max(1, elements));
    }

    /** A body over a half-open index range. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over [0, n) split into at most {@link #threads()} contiguous chunks of at least
     * {@code grain} indices each, chunk i being [n·i/chunks, n·(i+1)/chunks). Runs on the caller when one
     * chunk suffices or when called from a pool's worker (no nested parallelism: a chunk's body runs
     * whole on its thread).
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) return;
        int most = n / Math.max(1, grain);                // chunks at most, whatever the pool: one needs no pool
        if (most <= 1 || Thread.currentThread() instanceof ComputePool.Worker) {
            body.run(0, n);
            return;
        }
        ComputePool pool = ComputePool.current(shared);
        ForkJoinPool workers = pool.workers();
        int chunks = Math.min(pool.threads(), most);
        if (chunks <= 1 || workers == null) {
            body.run(0, n);
            return;
        }
        workers.invoke(new Chunks(body, n, chunks, 0, chunks));
    }

    /**
     * Runs over [0, n) in pieces of {@code piece} indices (the last may be shorter), taken in order by up to
     * {@link #threads()} tasks, each of which runs every piece it takes through the one body it got from
     * {@code task} (its scratch made once per task, not per piece); a thread that is slowed (more events in
     * its part, another process on its core) takes fewer pieces. Which task runs which piece depends on
     * timing: for bodies whose every index writes its own outputs only, and whose failures are reported in an
     * order of their own, not the order the pieces ran in ({@code nn.EarliestFailure} for non-finite values).
     * On the caller when one piece suffices, with one thread, or from a pool's worker.
     */
    public static void forPieces(int n, int piece, Supplier<RangeBody> task) {
        if (n <= 0) return;
        int step = Math.max(1, piece), pieces = Math.ceilDiv(n, step);
        if (pieces <= 1 || Thread.currentThread() instanceof ComputePool.Worker) {
            task.get().run(0, n);
            return;
        }
        ComputePool pool = ComputePool.current(shared);
        ForkJoinPool workers = pool.workers();
        int tasks = Math.min(pool.threads(), pieces);
        if (tasks <= 1 || workers == null) {
            task.get().run(0, n);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        workers.invoke(new Chunks((first, last) -> {
            RangeBody body = null;
            for (int p = next.getAndIncrement(); p < pieces; p = next.getAndIncrement()) {
                if (body == null) body = task.get();
                body.run(p * step, Math.min(n, p * step + step));
            }
        }, tasks, tasks, 0, tasks));
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
