package org.snn4j.tensor;

import java.util.Arrays;

/**
 * A dense float32 tensor: a contiguous row-major {@code float[]} and a shape.
 *
 * <p>Sequences flowing between layers have shape {@code [T, N, ...]}: time steps, samples, then the
 * per-sample shape ({@code [C, H, W]} or {@code [F]}). The data array is exposed directly
 * ({@link #data()}) because the kernels work on arrays; a tensor made by {@link #reshape} shares it.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;

    /** Wraps {@code data} (not copied) with the given shape; the sizes must agree. */
    public Tensor(float[] data, int... shape) {
        long size = sizeOf(shape);
        if (size != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + size + " values, data has " + data.length);
        }
        this.data = data;
        this.shape = shape.clone();
    }

    /** A new zero-filled tensor. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Math.toIntExact(sizeOf(shape))], shape);
    }

    /** A new tensor with every element equal to {@code value}. */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /** Elements a tensor of this shape holds; rejects negative dimensions and more than 2^31-1 elements. */
    static long sizeOf(int[] shape) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " exceeds 2^31-1 elements");
            }
        }
        return size;
    }

    /** The backing array (read and written in place by kernels; not a copy). */
    public float[] data() {
        return data;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int i) {
        return shape[i];
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** Product of the dimensions from {@code from} (inclusive) to the end: the size of one slice there. */
    public int sizeFrom(int from) {
        int s = 1;
        for (int i = from; i < shape.length; i++) s *= shape[i];
        return s;
    }

    /** The shape from dimension {@code from} on (e.g. the per-sample shape of a [T, N, ...] sequence). */
    public int[] shapeFrom(int from) {
        return Arrays.copyOfRange(shape, from, shape.length);
    }

    /** A tensor sharing this data with a new shape of the same size. */
    public Tensor reshape(int... newShape) {
        return new Tensor(data, newShape);
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    /** True when both shapes are equal. */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Index of the first non-finite element, or -1 when all are finite. */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) return i;
        }
        return -1;
    }

    /** The shape as text, e.g. {@code [8, 64, 32, 14, 14]}. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    /** Concatenates a leading shape and a trailing one: {@code concat([T, N], [C, H, W])}. */
    public static int[] concat(int[] head, int[] tail) {
        int[] r = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, r, head.length, tail.length);
        return r;
    }

    @Override
    public String toString() {
        return "Tensor" + shapeString();
    }
}
