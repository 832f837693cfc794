package org.snn4j.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A number of compute threads that the kernels split their work across: what a run may use, so that
 * snn4j inside a Spark executor, a Flink task slot or a web server takes the threads it is given and no
 * more. Work given to {@link #run} splits every {@link Parallel#forRange} across this pool instead of
 * the process-wide one ({@link Parallel#setThreads}, the CLI's {@code --threads}, which code that runs
 * outside any pool keeps using, as before pools existed).
 *
 * <p>A pool of one thread is the calling thread only: no thread is created and every kernel runs on the
 * caller. A pool of n &gt; 1 threads owns n − 1 worker threads (daemons, named
 * {@code snn4j-pool<k>-worker-<i>}, i from 1) with which the calling thread splits its kernels' chunks, chunk 0
 * on itself and chunk i always on worker i ({@link Team}); several threads may run work in the same pool at once
 * (they take turns with its workers). Results depend on the thread count only, never on
 * which pool or which other work runs beside (see {@link Parallel}).
 *
 * <p>The binding is per thread and lasts for the call: a thread that {@link #run}s work sees this pool
 * in it, other threads are not affected, and pools nest (the innermost wins). {@link #close} stops the
 * workers; a closed pool refuses new work.
 */
public final class ComputePool implements AutoCloseable {
    /** The pool the current thread runs its work in, while a {@link #run} call lasts. */
    private static final ScopedValue<ComputePool> CURRENT = ScopedValue.newInstance();
    private static final AtomicInteger POOLS = new AtomicInteger();
    /**
     * Threads inside a {@link #run} call now. While there are none, {@link #current} skips the scoped
     * value, whose lookup on a thread without bindings costs about 10 ns (measured against 1 ns for the
     * whole of {@link Parallel#forRange} on one chunk), which code that never uses a pool should not pay.
     */
    private static final AtomicInteger RUNNING = new AtomicInteger();

    private final int threads;
    /** The caller and the workers; null for one thread (the caller alone). */
    private final Team team;
    private volatile boolean closed;

    private ComputePool(int threads, String name) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        this.threads = threads;
        this.team = threads == 1 ? null : newTeam(threads, name);
    }

    /** A pool of {@code threads} compute threads (1: the calling thread only). */
    public static ComputePool of(int threads) {
        return new ComputePool(threads, "pool" + POOLS.incrementAndGet());
    }

    /** The process-wide pool behind {@link Parallel#setThreads}, its workers named {@code snn4j-worker-<i>}. */
    static ComputePool shared(int threads) {
        return new ComputePool(threads, null);
    }

    private Team newTeam(int n, String name) {
        String prefix = name == null ? "snn4j-worker-" : "snn4j-" + name + "-worker-";
        return new Team(n, member -> new Worker(prefix + member, this));
    }

    /** The number of compute threads. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code work} on the calling thread with this pool as its compute threads; returns its result.
     *
     * @throws IllegalStateException when the pool is closed
     */
    public <T> T run(Supplier<T> work) {
        if (closed) throw new IllegalStateException("the compute pool is closed");
        RUNNING.incrementAndGet();
        try {
            return ScopedValue.where(CURRENT, this).call(work::get);
        } finally {
            RUNNING.decrementAndGet();
        }
    }

    /** As {@link #run(Supplier)} for work without a result. */
    public void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }

    /** Stops the workers once their current work is done; later {@link #run} calls throw. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (team != null) team.close();
    }

    /** The pool of this thread's {@link #run} call, or {@code otherwise} outside any. */
    static ComputePool current(ComputePool otherwise) {
        return RUNNING.get() == 0 ? otherwise : CURRENT.orElse(otherwise);
    }

    /** The caller and the workers, null for the caller alone. */
    Team team() {
        return team;
    }

    /** A worker thread, which knows its pool: work nested in a worker's chunk runs there, with its thread count. */
    static final class Worker extends Team.Worker {
        final ComputePool pool;

        Worker(String name, ComputePool pool) {
            super(name);
            this.pool = pool;
        }
    }
}
