package org.snn4j.bench;

import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.snn4j.kernels.ComputePool;

/**
 * The compute threads of one benchmark trial: a {@link ComputePool} of {@link #threads} threads, opened
 * before the trial and closed after it, that every benchmark of this package runs its kernels in (so the
 * thread count is a JMH parameter, {@code -p threads=1,4}, and the process-wide pool is never touched).
 */
@State(Scope.Benchmark)
public class ComputeThreads {
    /** Compute threads of the trial (1: the benchmark's own thread only). */
    @Param({"1", "2"})
    public int threads;

    private ComputePool pool;

    /** Opens the trial's pool. */
    @Setup(Level.Trial)
    public void open() {
        pool = ComputePool.of(threads);
    }

    /** Closes the trial's pool. */
    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }

    /** Runs {@code work} with the trial's pool as its compute threads and returns its result. */
    public <T> T call(Supplier<T> work) {
        return pool.run(work);
    }

    /** Runs {@code work} with the trial's pool as its compute threads. */
    public void run(Runnable work) {
        pool.run(work);
    }
}
