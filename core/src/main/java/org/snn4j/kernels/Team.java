package org.snn4j.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The threads of a {@link ComputePool} of n &gt; 1: member 0 is the thread that starts a region, members 1 to
 * n − 1 are the pool's workers, and part i of every region runs on member i. Fixed places are the point: a
 * batch's passes split their ranges the same way (the samples of a chunk, the neurons of a block), so the part a
 * thread writes in one pass is the part the same thread reads in the next, from its own core's caches. Work
 * stealing gave a chunk to whichever worker came first, and a core then read about half of each tensor from the
 * other core's cache (27-36 % dearer for 1-8 MB in a plain loop). Two threads spent a fifth more CPU on a W1 batch
 * than one, most of the growth in the memory-bound passes; fixed places won back a few per cent of W1's two-thread
 * throughput (docs/BENCHMARKS.md, issue 27's fifth round), and most of the rest is the JIT compiling on the core
 * that one thread leaves idle.
 *
 * <p>One region at a time: a thread that starts a region while another runs waits for it. Between regions a
 * worker spins for {@link #SPIN_NANOS} (the next region of a batch usually comes sooner) and then parks. A part
 * that throws does not stop the others; the region then throws the exception of the lowest such part.
 */
final class Team {
    /** How long an idle worker, or a member 0 waiting for the others, spins before it parks. */
    static final long SPIN_NANOS = 50_000;

    private final Worker[] workers;
    private final ReentrantLock regions = new ReentrantLock();
    /** The region started last; a worker runs its part of each new one (a region is new until run or skipped). */
    private volatile Region region;
    private volatile boolean closed;

    /** A team of {@code members} threads: the caller of each region and {@code members − 1} workers from {@code threads}. */
    Team(int members, java.util.function.IntFunction<Worker> threads) {
        workers = new Worker[members - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = threads.apply(i + 1);
            workers[i].team = this;
            workers[i].member = i + 1;
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    /** Members, the caller included. */
    int members() {
        return workers.length + 1;
    }

    /** Whether the calling thread runs a part of one of this team's regions (a nested region runs inline). */
    boolean isMember() {
        return regions.isHeldByCurrentThread() || Thread.currentThread() instanceof Worker w && w.team == this;
    }

    /**
     * Runs {@code part} for 0 to {@code parts} − 1 ({@code parts} at most {@link #members}), part i on member i,
     * part 0 on the calling thread; returns when all are done.
     */
    void run(int parts, IntConsumer part) {
        if (parts > members()) throw new IllegalArgumentException(parts + " parts for " + members() + " members");
        regions.lock();
        try {
            if (closed) throw new IllegalStateException("the compute pool is closed");
            Region r = new Region(part, parts, Thread.currentThread());
            region = r;
            for (int i = 1; i < parts; i++) {
                if (workers[i - 1].sleeping) LockSupport.unpark(workers[i - 1]);
            }
            r.runPart(0);
            r.awaitOthers();
            r.part = null;     // the body's arrays are not kept reachable by the region until the next one
            r.rethrow();
        } finally {
            regions.unlock();
        }
    }

    /**
     * Stops the workers once the region running now, if any, is done (taking the regions' lock: a region is
     * either published before the team closes, and run whole, or refused).
     */
    void close() {
        regions.lock();
        try {
            closed = true;
        } finally {
            regions.unlock();
        }
        for (Worker w : workers) LockSupport.unpark(w);
    }

    /** One region: its parts, the members still running one, and what they threw. */
    private static final class Region {
        IntConsumer part;
        final int parts;
        final Thread caller;
        final AtomicInteger running;
        final Throwable[] thrown;

        Region(IntConsumer part, int parts, Thread caller) {
            this.part = part;
            this.parts = parts;
            this.caller = caller;
            this.running = new AtomicInteger(parts - 1);
            this.thrown = new Throwable[parts];
        }

        void runPart(int i) {
            try {
                part.accept(i);
            } catch (Throwable t) {
                thrown[i] = t;
            }
        }

        /** Called by a worker after its part: the last one wakes member 0. */
        void partDone() {
            if (running.decrementAndGet() == 0) LockSupport.unpark(caller);
        }

        void awaitOthers() {
            long start = System.nanoTime();
            while (running.get() > 0) {
                if (System.nanoTime() - start < SPIN_NANOS) Thread.onSpinWait();
                else LockSupport.park(this);
            }
        }

        void rethrow() {
            for (Throwable t : thrown) {   // the AtomicInteger's decrements publish the workers' writes
                if (t instanceof RuntimeException e) throw e;
                if (t instanceof Error e) throw e;
                if (t != null) throw new IllegalStateException(t);
            }
        }
    }

    /** A worker: member {@link #member} of its team, for good. */
    static class Worker extends Thread {
        Team team;
        int member;
        volatile boolean sleeping;

        Worker(String name) {
            super(name);
        }

        @Override
        public final void run() {
            Region seen = null;
            while (true) {
                Region r = team.region;
                if (r != seen) {             // a region published before the team closed is run all the same
                    seen = r;
                    if (member < r.parts) {
                        r.runPart(member);
                        r.partDone();
                    }
                } else if (team.closed) {
                    return;
                } else {
                    idle(seen);
                }
            }
        }

        /** Spins, then parks, until a region other than {@code seen} starts or the team closes. */
        private void idle(Region seen) {
            long start = System.nanoTime();
            while (team.region == seen && !team.closed) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                sleeping = true;
                if (team.region == seen && !team.closed) LockSupport.park(this);
                sleeping = false;
            }
        }
    }
}
