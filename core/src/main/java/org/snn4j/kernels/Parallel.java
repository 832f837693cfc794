package org.snn4j.kernels;

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
     * {@code grain} indices each, chunk i being [n·i/chunks, n·(i+1)/chunks) and running on the pool's member i
     * ({@link Team}: chunk 0 on the caller). Runs on the caller when one chunk suffices or when called from within
     * a chunk (no nested parallelism: a chunk's body runs whole on its thread).
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) return;
        int most = n / Math.max(1, grain);                // chunks at most, whatever the pool: one needs no pool
        Team team = most <= 1 ? null : teamOfCaller();
        int chunks = team == null ? 1 : Math.min(team.members(), most);
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        team.run(chunks, i -> body.run((int) ((long) n * i / chunks), (int) ((long) n * (i + 1) / chunks)));
    }

    /**
     * Runs over [0, n) in pieces of {@code piece} indices (the last may be shorter), by up to {@link #threads()}
     * tasks, each of which runs every piece it takes through the one body it got from {@code task} (its scratch
     * made once per task, not per piece). Task i owns the i-th of as many equal runs of pieces and takes them from
     * the front, in {@link #forRange}'s places (its thread then finds in its caches what the passes before wrote);
     * a task done with its own takes the others' last pieces, so that a thread that is slowed (more events in its
     * part, another process on its core) takes fewer. Which task runs a piece then depends on timing: for bodies
     * whose every index writes its own outputs only, and whose failures are reported in an order of their own,
     * not the order the pieces ran in ({@code nn.EarliestFailure} for non-finite values). On the caller when one
     * piece suffices, with one thread, or from within a chunk.
     */
    public static void forPieces(int n, int piece, Supplier<RangeBody> task) {
        if (n <= 0) return;
        int step = Math.max(1, piece), pieces = Math.ceilDiv(n, step);
        Team team = pieces <= 1 ? null : teamOfCaller();
        int tasks = team == null ? 1 : Math.min(team.members(), pieces);
        if (tasks <= 1) {
            task.get().run(0, n);
            return;
        }
        PieceRuns runs = new PieceRuns(pieces, tasks);
        team.run(tasks, i -> {
            RangeBody body = null;
            for (int p = runs.take(i); p >= 0; p = runs.take(i)) {
                if (body == null) body = task.get();
                body.run(p * step, Math.min(n, p * step + step));
            }
        });
    }

    /** The team that splits the caller's work, or null to run it on the caller (one thread, or nested in a part). */
    private static Team teamOfCaller() {
        if (Thread.currentThread() instanceof ComputePool.Worker) return null;
        Team team = ComputePool.current(shared).team();
        return team == null || team.isMember() ? null : team;
    }
}
