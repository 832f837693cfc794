package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** How {@link PieceRuns} deals pieces: each exactly once, a task's own run first from its front, then the next runs' from their back. */
class PieceRunsTest {
    private static List<Integer> takeAll(PieceRuns runs, int task) {
        List<Integer> taken = new ArrayList<>();
        for (int p = runs.take(task); p >= 0; p = runs.take(task)) taken.add(p);
        return taken;
    }

    @Test
    void aTaskAloneTakesItsOwnRunFromTheFrontThenTheNextRunsFromTheirBack() {
        PieceRuns runs = new PieceRuns(10, 3);                  // runs [0, 3), [3, 6), [6, 10)
        assertEquals(List.of(3, 4, 5, 9, 8, 7, 6, 2, 1, 0), takeAll(runs, 1));
        assertEquals(List.of(), takeAll(runs, 0));
    }

    @Test
    void tasksTakingInTurnKeepToTheirOwnRunsWhileTheyLast() {
        PieceRuns runs = new PieceRuns(8, 2);
        List<Integer> first = new ArrayList<>(), second = new ArrayList<>();
        for (int turn = 0; turn < 3; turn++) {
            first.add(runs.take(0));
            second.add(runs.take(1));
        }
        assertEquals(List.of(0, 1, 2), first);
        assertEquals(List.of(4, 5, 6), second);
        assertEquals(List.of(3, 7), takeAll(runs, 0));           // its own last, then the other's last
        assertEquals(-1, runs.take(1));
    }

    @Test
    void moreTasksThanPiecesAndOnePieceWork() {
        assertEquals(List.of(0), takeAll(new PieceRuns(1, 1), 0));
        PieceRuns runs = new PieceRuns(2, 3);                   // runs [0, 0), [0, 1), [1, 2)
        assertEquals(List.of(1, 0), takeAll(runs, 2));
    }

    @Test
    void tasksOnThreadsTakeEveryPieceExactlyOnce() throws InterruptedException {
        for (int round = 0; round < 20; round++) {
            int pieces = 1000, tasks = 4;
            PieceRuns runs = new PieceRuns(pieces, tasks);
            AtomicIntegerArray times = new AtomicIntegerArray(pieces);
            var who = new ConcurrentHashMap<Integer, Integer>();
            Thread[] threads = new Thread[tasks];
            for (int t = 0; t < tasks; t++) {
                int task = t;
                threads[t] = Thread.ofPlatform().start(() -> {
                    for (int p = runs.take(task); p >= 0; p = runs.take(task)) {
                        times.incrementAndGet(p);
                        who.put(p, task);
                    }
                });
            }
            for (Thread t : threads) t.join();
            for (int p = 0; p < pieces; p++) assertEquals(1, times.get(p), "piece " + p);
            assertEquals(pieces, who.size());
        }
    }
}
