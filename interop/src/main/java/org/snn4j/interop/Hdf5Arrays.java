package org.snn4j.interop;

import java.lang.reflect.Array;
import org.snn4j.tensor.Tensor;

/** Between snn4j's flat tensors and the nested Java arrays jHDF reads and writes. */
final class Hdf5Arrays {
    private Hdf5Arrays() {}

    /** {@code float[d0][d1]...} holding the tensor's values (a {@code float[]} for rank 1). */
    static Object nested(Tensor t) {
        int[] shape = t.shape();
        if (shape.length == 0) return t.data().clone();
        Object out = Array.newInstance(float.class, shape);
        fill(out, t.data(), 0, shape, 0);
        return out;
    }

    private static int fill(Object array, float[] data, int at, int[] shape, int dim) {
        if (dim == shape.length - 1) {
            System.arraycopy(data, at, array, 0, shape[dim]);
            return at + shape[dim];
        }
        for (int i = 0; i < shape[dim]; i++) at = fill(Array.get(array, i), data, at, shape, dim + 1);
        return at;
    }

    /**
     * The values of a numeric array as read by jHDF (nested arrays of any primitive type, or a boxed
     * scalar), flattened to floats in row-major order; null when {@code data} is not numeric.
     */
    static float[] flatten(Object data) {
        if (data instanceof Number n) return new float[] {n.floatValue()};
        if (data == null || !data.getClass().isArray()) return null;
        java.util.List<Float> out = new java.util.ArrayList<>();
        if (!collect(data, out)) return null;
        float[] f = new float[out.size()];
        for (int i = 0; i < f.length; i++) f[i] = out.get(i);
        return f;
    }

    private static boolean collect(Object array, java.util.List<Float> out) {
        int n = Array.getLength(array);
        Class<?> component = array.getClass().getComponentType();
        for (int i = 0; i < n; i++) {
            Object v = Array.get(array, i);
            if (component.isArray()) {
                if (!collect(v, out)) return false;
            } else if (v instanceof Number x) {
                out.add(x.floatValue());
            } else {
                return false;
            }
        }
        return true;
    }
}
