package org.snn4j.tensor;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reuses the arrays of the tensors one training or evaluation step allocates, step after step.
 *
 * <p>Every mini-batch of a run allocates the same activations and gradients (hundreds of megabytes
 * for a conv SNN at T = 8). Allocating them fresh each step makes the JVM grow its heap far beyond
 * the live set and zero new pages; a workspace instead hands out the arrays the previous step
 * released, zero-filled, so a run's footprint stays at one step's live set (what PyTorch's caching
 * allocator does for the Python libraries).
 *
 * <p>Contract: tensors from {@link #zeros} and {@link #empty} are valid until the next {@link #recycle()}, which the
 * owner of the step loop calls once nothing of the step is referenced any more. Arrays are kept by
 * exact length; a length that stops being requested is kept until {@link #clear()}. Not thread-safe:
 * one workspace serves one step loop.
 */
public final class Workspace {
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final Set<float[]> issued = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    /** A zero-filled tensor, on a released array of the same length when there is one. */
    public Tensor zeros(int... shape) {
        return take(shape, true);
    }

    /**
     * A tensor whose contents are whatever its recycled array held: for an output the caller overwrites
     * completely before anything reads it (a kernel documented "overwritten"), which saves {@link #zeros}'
     * fill, a pass over memory as large as the output.
     */
    public Tensor empty(int... shape) {
        return take(shape, false);
    }

    private Tensor take(int[] shape, boolean zeroed) {
        int length = Math.toIntExact(Tensor.sizeOf(shape));
        ArrayDeque<float[]> same = free.get(length);
        float[] data;
        if (same == null || same.isEmpty()) {
            data = new float[length];
        } else {
            data = same.pop();
            if (zeroed) Arrays.fill(data, 0f);
        }
        issued.add(data);
        return new Tensor(data, shape);
    }

    /**
     * Releases one tensor's array early, for reuse within the same step: the tensor (and any view of
     * its array) must not be used again. Ignored for arrays this workspace did not hand out or already
     * took back.
     */
    public void release(Tensor t) {
        float[] a = t.data();
        if (issued.remove(a)) free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
    }

    /** Releases every array handed out since the last call: the tensors holding them must not be used again. */
    public void recycle() {
        for (float[] a : issued) free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        issued.clear();
    }

    /** Drops every array, issued or released (the tensors handed out must not be used again). */
    public void clear() {
        free.clear();
        issued.clear();
    }

    /** Bytes held: arrays handed out since the last recycle plus arrays ready for reuse. */
    public long bytesHeld() {
        long floats = 0;
        for (float[] a : issued) floats += a.length;
        for (ArrayDeque<float[]> q : free.values()) for (float[] a : q) floats += a.length;
        return floats * Float.BYTES;
    }
}
