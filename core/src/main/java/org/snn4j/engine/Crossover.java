package org.snn4j.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.snn4j.kernels.Parallel;

/**
 * One layer's choice between two kernels that compute the same thing, one from the input's non-zero values
 * (events: its time nearly proportional to them) and one dense (its time fixed), measured on this machine on
 * the layer's own calls: "auto"'s crossover density for a layer's forward, a fused block, or a
 * convolution's weight gradient.
 *
 * <p>Calls before {@value #FIRST_MEASURED_CALL} take the initial crossover (the JIT has not compiled the
 * kernels yet). Calls {@value #FIRST_MEASURED_CALL} to {@value #LAST_MEASURED_CALL} alternate the two kernels,
 * events first, each call's kernel computing that call's real result and timed doing it (so measuring costs
 * no extra run, only the slower kernel's excess on half of those calls); a call whose input has no events runs
 * by events, untimed. After call {@value #LAST_MEASURED_CALL} the crossover is
 * {@value #MARGIN} × (least dense time) / (least event time per unit of density), each least over its
 * timed calls: a call slowed by the JIT, a collection or another process loses to a later one, so the choice
 * does not hang on one noisy timing, and the margin keeps a layer whose kernels are about even on the dense
 * one. From then on a call runs by events when its input's density is at most the crossover.
 *
 * <p>A sparse layer's dense calls are not timed in vain: once both kernels have been timed, a dense turn of
 * the window whose call the events already do in less than 1/{@value #CLEAR_WIN} of the dense kernel's least
 * time runs by events instead (timed as events), since the dense kernel cannot win there and timing it again
 * would only cost (a deep layer at 2 % density pays 10 to 20 times its event time for each dense call). When
 * that leaves fewer than {@value #SAMPLES} dense timings, a later call whose density exceeds
 * {@value #DENSER}× the window's highest runs dense and is timed, and the crossover is taken again, until
 * there are {@value #SAMPLES}: a first dense timing slowed by the JIT cannot keep a layer whose spikes grow
 * denser on events for good. Not thread-safe: one executor's passes run one at a time.
 */
final class Crossover {
    /** The first call that is timed (earlier ones warm the kernels up). */
    static final int FIRST_MEASURED_CALL = 3;
    /** Timed calls of each kernel. */
    static final int SAMPLES = 4;
    /** The last call that is timed; the crossover is measured from the next call on. */
    static final int LAST_MEASURED_CALL = FIRST_MEASURED_CALL + 2 * SAMPLES - 1;
    /** The share of the measured crossover that is used (see the class comment). */
    static final double MARGIN = 0.9;
    /** How much faster the events must already be for a dense turn of the window to run by events instead. */
    static final int CLEAR_WIN = 2;
    /** After the window, how much denser than the window's densest call a call must be to time the dense kernel again. */
    static final int DENSER = 2;

    /** The CPU-time clock of {@link #kernelClock}; null where the JVM cannot measure a thread's CPU time. */
    private static final ThreadMXBean THREAD_CPU = threadCpu();

    private final LongSupplier clock;
    private double crossover;
    private boolean measured;
    private int calls;
    private long leastDense = Long.MAX_VALUE;
    private double leastEventPerDensity = Double.POSITIVE_INFINITY;
    private int denseTimings;
    private double densestInWindow;

    /**
     * @param initial the crossover density used until this one is measured
     * @param clock   nanoseconds (the executor's kernel clock: CPU or wall time; a test's fake clock)
     */
    Crossover(double initial, LongSupplier clock) {
        this.crossover = initial;
        this.clock = clock;
    }

    /**
     * Runs one of the two kernels for an input of {@code density} (fraction of non-zero inputs, 0 to 1) and
     * returns what it returned: {@code byEvents} or {@code dense}, as the class comment describes.
     */
    <R> R run(double density, Supplier<R> byEvents, Supplier<R> dense) {
        int call = ++calls;
        boolean window = call >= FIRST_MEASURED_CALL && call <= LAST_MEASURED_CALL && density > 0;
        boolean retime = measured && denseTimings < SAMPLES && density > DENSER * densestInWindow;
        boolean timed = window || retime;
        boolean events;
        if (window) {
            densestInWindow = Math.max(densestInWindow, density);
            events = (call - FIRST_MEASURED_CALL) % 2 == 0 || !denseCanWin(density);
        } else {
            events = !retime && density <= crossover;
        }
        long start = timed ? clock.getAsLong() : 0;
        R result = events ? byEvents.get() : dense.get();
        if (timed) {
            long nanos = Math.max(1, clock.getAsLong() - start);
            if (events) {
                leastEventPerDensity = Math.min(leastEventPerDensity, nanos / density);
            } else {
                leastDense = Math.min(leastDense, nanos);
                denseTimings++;
            }
        }
        if ((call == LAST_MEASURED_CALL || retime) && leastDense != Long.MAX_VALUE && leastEventPerDensity != Double.POSITIVE_INFINITY) {
            crossover = MARGIN * leastDense / leastEventPerDensity;
            measured = true;
        }
        return result;
    }

    /**
     * Whether the dense kernel may still be the faster one at {@code density}: until both kernels have been
     * timed, and then unless the events' least time at that density is under 1/{@value #CLEAR_WIN} of the
     * dense kernel's.
     */
    private boolean denseCanWin(double density) {
        if (leastDense == Long.MAX_VALUE || leastEventPerDensity == Double.POSITIVE_INFINITY) return true;
        return CLEAR_WIN * density * leastEventPerDensity >= leastDense;
    }

    /** The crossover density used now: the initial one until measured. */
    double density() {
        return crossover;
    }

    /** Whether {@link #density} is the measured one (false until then, or when no timed call had events). */
    boolean measured() {
        return measured;
    }

    /**
     * What an executor times kernels with, in nanoseconds: when they run on the calling thread alone (one
     * compute thread, {@link Parallel#threads}), that thread's CPU time, which other processes on a loaded
     * machine barely change (they stretch the wall time by whatever share of a core they take); with more
     * threads the wall time, the work being spread over the pool's workers.
     */
    static long kernelClock() {
        return Parallel.threads() == 1 && THREAD_CPU != null ? THREAD_CPU.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static ThreadMXBean threadCpu() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!bean.isCurrentThreadCpuTimeSupported()) return null;
        if (!bean.isThreadCpuTimeEnabled()) bean.setThreadCpuTimeEnabled(true);
        return bean;
    }
}
