package org.snn4j.kernels;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The pieces of a {@link Parallel#forPieces} call in as many runs as tasks, run i being pieces
 * [pieces·i/tasks, pieces·(i+1)/tasks): task i takes its own run's pieces from the front, then those of runs i + 1, i + 2, ...
 * (cyclically) from the back (the pieces their owners would come to last), each piece taken exactly once. A run is a front
 * and an end packed in one long that takes move by compare-and-set.
 */
final class PieceRuns {
    /** Longs between two runs' slots: a cache line each, so that two tasks taking pieces do not share one. */
    private static final int STRIDE = 8;

    private final int tasks;
    private final AtomicLongArray runs;

    PieceRuns(int pieces, int tasks) {
        this.tasks = tasks;
        this.runs = new AtomicLongArray(tasks * STRIDE);
        for (int i = 0; i < tasks; i++) {
            runs.set(i * STRIDE, pack((int) ((long) pieces * i / tasks), (int) ((long) pieces * (i + 1) / tasks)));
        }
    }

    /** The next piece for task {@code i}, or −1 when every piece is taken. */
    int take(int i) {
        int own = takeFront(i);
        if (own >= 0) return own;
        for (int k = 1; k < tasks; k++) {
            int other = takeBack((i + k) % tasks);
            if (other >= 0) return other;
        }
        return -1;
    }

    private int takeFront(int run) {
        int at = run * STRIDE;
        for (long r = runs.get(at); front(r) < end(r); r = runs.get(at)) {
            if (runs.compareAndSet(at, r, pack(front(r) + 1, end(r)))) return front(r);
        }
        return -1;
    }

    private int takeBack(int run) {
        int at = run * STRIDE;
        for (long r = runs.get(at); front(r) < end(r); r = runs.get(at)) {
            if (runs.compareAndSet(at, r, pack(front(r), end(r) - 1))) return end(r) - 1;
        }
        return -1;
    }

    private static long pack(int front, int end) {
        return (long) front << 32 | end & 0xFFFFFFFFL;
    }

    private static int front(long run) {
        return (int) (run >>> 32);
    }

    private static int end(long run) {
        return (int) run;
    }
}
