package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Hand-worked micro-panel layouts: transposition handled, the last partial panel zero-padded. */
class GemmPackingTest {
    // op(A) 3x2 = [[1,2],[3,4],[5,6]]; packed with mr 2: panel 0 rows 0-1 by columns, panel 1 row 2 + zero row
    private static final float[] PACKED_A = {1, 3, 2, 4, 5, 0, 6, 0};
    // op(B) 2x3 = [[1,2,3],[4,5,6]]; packed with nr 2: panel 0 columns 0-1 by rows, panel 1 column 2 + zero
    private static final float[] PACKED_B = {1, 2, 4, 5, 3, 0, 6, 0};

    @Test
    void packsAWithAndWithoutTransposition() {
        float[] dst = filled(8);
        GemmPacking.packA(false, new float[] {9, 1, 2, 9, 3, 4, 9, 5, 6, 9}, 1, 3, 0, 3, 0, 2, 2, dst);
        assertArrayEquals(PACKED_A, dst);
        dst = filled(8);
        // stored K×M = [[1,3,5],[2,4,6]] with lda 4
        GemmPacking.packA(true, new float[] {1, 3, 5, 9, 2, 4, 6, 9}, 0, 4, 0, 3, 0, 2, 2, dst);
        assertArrayEquals(PACKED_A, dst);
    }

    @Test
    void packsBWithAndWithoutTransposition() {
        float[] dst = filled(8);
        GemmPacking.packB(false, new float[] {1, 2, 3, 9, 4, 5, 6, 9}, 0, 4, 0, 2, 0, 3, 2, dst);
        assertArrayEquals(PACKED_B, dst);
        dst = filled(8);
        // stored N×K = [[1,4],[2,5],[3,6]] with ldb 3, one leading element
        GemmPacking.packB(true, new float[] {9, 1, 4, 9, 2, 5, 9, 3, 6, 9}, 1, 3, 0, 2, 0, 3, 2, dst);
        assertArrayEquals(PACKED_B, dst);
    }

    @Test
    void packsAnInnerBlock() {
        // rows 1-2, k 1-2 of op(A) = [[0,1,2],[3,4,5],[6,7,8]] with mr 4: [[4,5],[7,8]] plus two zero rows
        float[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        float[] dst = filled(8);
        GemmPacking.packA(false, a, 0, 3, 1, 2, 1, 2, 4, dst);
        assertArrayEquals(new float[] {4, 7, 0, 0, 5, 8, 0, 0}, dst);
    }

    private static float[] filled(int n) {
        float[] x = new float[n];
        Arrays.fill(x, Float.NaN);
        return x;
    }
}
