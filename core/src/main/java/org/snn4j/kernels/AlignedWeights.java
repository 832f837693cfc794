package org.snn4j.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * One thread's copy of the weights an event kernel reads, in native memory on a 64-byte boundary
 * ({@link EventKernel#sumLists}): the elements of a {@code float[]} start 16 bytes into the object, at an address
 * the heap chooses, and unless it happens to be a multiple of 64 every 512-bit load of a weight row straddles two
 * cache lines. The copy is checked against the array at every call ({@link #of}) and refreshed when they differ, so
 * weights updated in place (training) are never read stale; a thread convolving with the same weights sample after
 * sample only compares them. No heap segment is ever made: vector loads from native segments ran 3-5x slower in code
 * that had also seen heap ones. Not thread-safe.
 */
final class AlignedWeights {
    /** A cache line: the alignment of the copy. */
    private static final long LINE = 64;

    private float[] copied = new float[0];
    /** Whether {@link #copied} holds a NaN, which {@link Arrays#equals(float[], float[])} matches whatever its bits. */
    private boolean copiedNaN;
    private MemorySegment copy = MemorySegment.NULL;

    /** The floats of {@code w}, bit for bit, aligned: the kept copy when it holds exactly their bits, else a fresh one. */
    MemorySegment of(float[] w) {
        if (!copiedNaN && Arrays.equals(copied, w)) return copy;    // equal and no NaN: the same bits
        if (copied.length != w.length) {
            copied = new float[w.length];
            copy = Arena.ofAuto().allocate(Math.max(1, (long) Float.BYTES * w.length), LINE).asSlice(0, (long) Float.BYTES * w.length);
        }
        boolean nan = false;
        for (int i = 0; i < w.length; i++) {
            copy.setAtIndex(ValueLayout.JAVA_FLOAT, i, w[i]);
            nan |= w[i] != w[i];
        }
        System.arraycopy(w, 0, copied, 0, w.length);
        copiedNaN = nan;
        return copy;
    }
}
