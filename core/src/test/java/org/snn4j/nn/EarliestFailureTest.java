package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EarliestFailureTest {
    private static NumericalException at(String layer, int index) {
        return new NumericalException(layer, "output", index, Float.NaN);
    }

    @Test
    void nothingOfferedThrowsNothing() {
        assertDoesNotThrow(new EarliestFailure()::throwIfAny);
    }

    @Test
    void theLowestIndexOfAStageWinsWhateverTheOrderOfOffers() {
        NumericalException late = at("pool", 45), early = at("pool", 0), middle = at("pool", 7);
        EarliestFailure failure = new EarliestFailure();
        failure.offer(0, late);
        failure.offer(0, early);
        failure.offer(0, middle);
        assertSame(early, assertThrows(NumericalException.class, failure::throwIfAny));
    }

    @Test
    void anEarlierStageWinsOverALowerIndexOfALaterOne() {
        NumericalException conv = at("conv", 900), pool = at("pool", 0);
        EarliestFailure failure = new EarliestFailure();
        failure.offer(1, pool);
        failure.offer(0, conv);
        failure.offer(1, at("pool", 1));
        assertSame(conv, assertThrows(NumericalException.class, failure::throwIfAny));
    }

    @Test
    void offersFromManyThreadsKeepTheEarliest() throws InterruptedException {
        EarliestFailure failure = new EarliestFailure();
        NumericalException first = at("pool", 3);
        Thread[] threads = new Thread[4];
        for (int k = 0; k < threads.length; k++) {
            int offset = k;
            threads[k] = new Thread(() -> {
                for (int i = 1000 - offset; i > 3; i -= 4) failure.offer(0, at("pool", i));
            });
            threads[k].start();
        }
        failure.offer(0, first);
        for (Thread t : threads) t.join();
        assertSame(first, assertThrows(NumericalException.class, failure::throwIfAny));
    }
}
