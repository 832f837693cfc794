package org.snn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class WorkspaceTest {
    @Test
    void recycledArraysComeBackZeroedForAnyShapeOfTheSameLength() {
        Workspace ws = new Workspace();
        Tensor a = ws.zeros(2, 3);
        java.util.Arrays.fill(a.data(), 7f);
        ws.recycle();
        Tensor b = ws.zeros(3, 2);
        assertSame(a.data(), b.data());
        assertArrayEquals(new int[] {3, 2}, b.shape());
        assertArrayEquals(new float[6], b.data());
    }

    @Test
    void arraysHandedOutInOneStepAreDistinctAndLengthsDoNotMix() {
        Workspace ws = new Workspace();
        Tensor a = ws.zeros(4), b = ws.zeros(4), c = ws.zeros(5);
        assertNotSame(a.data(), b.data());
        ws.recycle();
        Tensor d = ws.zeros(4), e = ws.zeros(4), f = ws.zeros(5), g = ws.zeros(5);
        assertNotSame(d.data(), e.data());
        assertSame(c.data(), f.data());
        assertEquals(5, g.data().length);
        assertEquals((4 + 4 + 5 + 5) * 4L, ws.bytesHeld());
        ws.clear();
        assertEquals(0, ws.bytesHeld());
    }

    @Test
    void aReleasedArrayIsHandedOutAgainWithinTheStepAndForeignTensorsAreIgnored() {
        Workspace ws = new Workspace();
        Tensor a = ws.zeros(8);
        a.data()[3] = 5f;
        ws.release(a);
        ws.release(a);
        ws.release(Tensor.zeros(8));
        Tensor b = ws.zeros(2, 4);
        assertSame(a.data(), b.data());
        assertArrayEquals(new float[8], b.data());
        assertNotSame(b.data(), ws.zeros(8).data());
        assertEquals(2 * 8 * 4L, ws.bytesHeld());
    }
}
