package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where {@link Parallel#forRange} runs its chunks: on the caller alone in a one-thread pool, chunk 0 on the
 * caller and chunk i on the pool's worker i in a larger one, on the shared pool ({@link Parallel#setThreads}) outside any, and the
 * thread count the kernels see in each place.
 */
class ComputePoolTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    /** The names of the threads that ran the chunks of a few ranges, nested ones included. */
    private static Set<String> threadsOfChunks() {
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 20; round++) {
            Parallel.forRange(64, 1, (from, to) -> {
                names.add(Thread.currentThread().getName());
                Parallel.forRange(16, 1, (a, b) -> names.add(Thread.currentThread().getName()));
                sleepABit();                             // lets every worker take a chunk
            });
        }
        return names;
    }

    private static void sleepABit() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aOneThreadPoolRunsEveryChunkOnTheCallingThread() {
        Parallel.setThreads(2);
        try (ComputePool pool = ComputePool.of(1)) {
            String caller = Thread.currentThread().getName();
            assertEquals(Set.of(caller), pool.run(ComputePoolTest::threadsOfChunks));
            assertEquals(1, pool.run(Parallel::threads));
        }
    }

    @Test
    void aLargerPoolRunsChunksOnTheCallerAndItsOwnWorkersAndNestedWorkInline() {
        Parallel.setThreads(1);
        String caller = Thread.currentThread().getName();
        try (ComputePool pool = ComputePool.of(3)) {
            Set<String> names = pool.run(ComputePoolTest::threadsOfChunks);
            assertEquals(3, names.size(), names.toString());
            assertTrue(names.contains(caller), names.toString());
            names.stream().filter(n -> !n.equals(caller)).forEach(n -> assertTrue(n.matches("snn4j-pool\\d+-worker-[12]"), n));
            assertEquals(3, pool.run(Parallel::threads));
            Set<Integer> inChunks = ConcurrentHashMap.newKeySet();
            pool.run(() -> Parallel.forRange(8, 1, (from, to) -> inChunks.add(Parallel.threads())));
            assertEquals(Set.of(3), inChunks, "a worker sees its pool's thread count");
        }
        assertEquals(1, Parallel.threads(), "outside the pool: the shared count");
    }

    @Test
    void chunkIAlwaysRunsOnMemberIChunkZeroOnTheCaller() {
        String caller = Thread.currentThread().getName();
        try (ComputePool pool = ComputePool.of(3)) {
            String[][] where = new String[50][3];
            pool.run(() -> {
                for (int round = 0; round < where.length; round++) {
                    String[] row = where[round];
                    Parallel.forRange(3 * (round + 1), 1, (from, to) -> row[from / (to - from)] = Thread.currentThread().getName());
                }
            });
            for (String[] row : where) {
                assertEquals(caller, row[0]);
                assertEquals(where[0][1], row[1]);
                assertEquals(where[0][2], row[2]);
            }
            assertTrue(where[0][1].endsWith("-worker-1") && where[0][2].endsWith("-worker-2"), java.util.Arrays.toString(where[0]));
        }
    }

    @Test
    void aChunkThatThrowsLetsTheOthersFinishAndTheLowestChunksExceptionComesOut() {
        try (ComputePool pool = ComputePool.of(3)) {
            int[] done = new int[3];
            var e = assertThrows(IllegalStateException.class, () -> pool.run(() -> Parallel.forRange(3, 1, (from, to) -> {
                done[from] = 1;
                if (from > 0) throw new IllegalStateException("chunk " + from);
            })));
            assertEquals("chunk 1", e.getMessage());
            assertEquals(List.of(1, 1, 1), java.util.Arrays.stream(done).boxed().toList());
            assertEquals(6, pool.run(() -> {                 // the pool still works
                int[] sum = new int[1];
                Parallel.forRange(3, 1, (from, to) -> {
                    synchronized (sum) {
                        sum[0] += from + 1;
                    }
                });
                return sum[0];
            }));
        }
    }

    @Test
    void threadsSharingAPoolTakeTurnsAndEachGetsItsWholeRange() throws Exception {
        try (ComputePool pool = ComputePool.of(2)) {
            long[] sums = new long[4];
            Thread[] callers = new Thread[sums.length];
            for (int k = 0; k < callers.length; k++) {
                int slot = k;
                callers[k] = Thread.ofPlatform().start(() -> pool.run(() -> {
                    for (int round = 0; round < 200; round++) {
                        java.util.concurrent.atomic.AtomicLong sum = new java.util.concurrent.atomic.AtomicLong();
                        Parallel.forRange(1000, 1, (from, to) -> {
                            for (int i = from; i < to; i++) sum.addAndGet(i);
                        });
                        sums[slot] += sum.get();
                    }
                }));
            }
            for (Thread t : callers) t.join();
            for (long sum : sums) assertEquals(200L * 999 * 1000 / 2, sum);
        }
    }

    @Test
    void outsideAnyPoolTheSharedPoolRunsTheChunksAsBefore() {
        Parallel.setThreads(2);
        assertEquals(2, Parallel.threads());
        assertEquals(Set.of(Thread.currentThread().getName(), "snn4j-worker-1"), threadsOfChunks());
        Parallel.setThreads(1);
        assertEquals(Set.of(Thread.currentThread().getName()), threadsOfChunks());
    }

    @Test
    void poolsNestAndTheInnermostWins() {
        try (ComputePool outer = ComputePool.of(2); ComputePool inner = ComputePool.of(1)) {
            List<Integer> counts = outer.run(() -> List.of(Parallel.threads(), inner.run(Parallel::threads), Parallel.threads()));
            assertEquals(List.of(2, 1, 2), counts);
        }
    }

    @Test
    void twoThreadsEachSeeTheirOwnPool() throws Exception {
        Parallel.setThreads(2);
        try (ComputePool one = ComputePool.of(1); ComputePool three = ComputePool.of(3)) {
            int[] seen = new int[2];
            Thread a = Thread.ofPlatform().start(() -> seen[0] = one.run(Parallel::threads));
            Thread b = Thread.ofPlatform().start(() -> seen[1] = three.run(Parallel::threads));
            a.join();
            b.join();
            assertEquals(1, seen[0]);
            assertEquals(3, seen[1]);
            assertEquals(2, Parallel.threads());
        }
    }

    @Test
    void closingAPoolWhileAnotherThreadRunsARegionLetsTheRegionFinish() throws Exception {
        ComputePool pool = ComputePool.of(2);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        int[] done = new int[2];
        Thread caller = Thread.ofPlatform().start(() -> pool.run(() -> Parallel.forRange(2, 1, (from, to) -> {
            if (from == 0) started.countDown();
            sleepABit();
            done[from] = 1;
        })));
        started.await();
        pool.close();
        caller.join(10_000);
        assertTrue(!caller.isAlive(), "the region finished");
        assertEquals(List.of(1, 1), java.util.Arrays.stream(done).boxed().toList());
        assertThrows(IllegalStateException.class, () -> pool.run(() -> 1));
    }

    @Test
    void aClosedPoolRefusesWorkAndAPoolNeedsAThread() {
        ComputePool pool = ComputePool.of(2);
        pool.run(() -> { });
        pool.close();
        pool.close();
        assertThrows(IllegalStateException.class, () -> pool.run(() -> 1));
        var e = assertThrows(IllegalArgumentException.class, () -> ComputePool.of(0));
        assertEquals("threads must be >= 1, was 0", e.getMessage());
    }

    @Test
    void theRunsResultAndExceptionsPassThrough() {
        try (ComputePool pool = ComputePool.of(2)) {
            assertEquals("done", pool.run(() -> "done"));
            var e = assertThrows(IllegalArgumentException.class, () -> pool.run(() -> {
                throw new IllegalArgumentException("from the work");
            }));
            assertEquals("from the work", e.getMessage());
        }
    }

    @Test
    void forPiecesRunsEveryIndexOnceWithAtMostOneBodyPerThread() {
        for (int threads = 1; threads <= 3; threads++) {
            for (int n : new int[] {0, 1, 5, 64, 101}) {
                for (int piece : new int[] {1, 4, 200}) {
                    int[] runs = new int[n];
                    java.util.concurrent.atomic.AtomicInteger bodies = new java.util.concurrent.atomic.AtomicInteger();
                    try (ComputePool pool = ComputePool.of(threads)) {
                        pool.run(() -> Parallel.forPieces(n, piece, () -> {
                            bodies.incrementAndGet();
                            return (from, to) -> {
                                for (int i = from; i < to; i++) runs[i]++;
                                sleepABit();
                            };
                        }));
                    }
                    String what = threads + " threads, n " + n + ", piece " + piece;
                    for (int i = 0; i < n; i++) assertEquals(1, runs[i], what + ": index " + i);
                    assertTrue(bodies.get() <= Math.max(1, Math.min(threads, Math.ceilDiv(n, piece))), what + ": " + bodies.get() + " bodies");
                }
            }
        }
    }
}
