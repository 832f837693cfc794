package org.snn4j.datasets;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One variable of a MAT-file ({@link MatFile}): name, MATLAB class, dimensions (column-major, MATLAB order) and its real part as
 * stored (the storage type may be narrower than the class: MATLAB saves a double array of small
 * integers as {@code miUINT8}).
 */
public final class MatArray {
    private final String file;
    private final String name;
    private final int mxClass;
    private final int[] dims;
    private final ByteBuffer real;
    private final int storageType;
    private final String unsupported;

    MatArray(String file, String name, int mxClass, int[] dims, ByteBuffer real, int storageType, String unsupported) {
        this.file = file;
        this.name = name;
        this.mxClass = mxClass;
        this.dims = dims;
        this.real = real;
        this.storageType = storageType;
        this.unsupported = unsupported;
    }

    public String name() {
        return name;
    }

    /** MATLAB class name: "double", "uint8", "cell", ... */
    public String className() {
        return MatFile.className(mxClass);
    }

    /** Dimensions in MATLAB order (a copy). */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements (product of the dimensions). */
    public long count() {
        long c = 1;
        for (int d : dims) c *= d;
        return c;
    }

    /**
     * The raw bytes of a {@code uint8} array in column-major order (read-only view, position 0).
     *
     * @throws DataFormatException when the variable is not a real uint8 array
     */
    public ByteBuffer uint8() {
        requireNumeric();
        if (mxClass != MatFile.MX_UINT8 || storageType != MatFile.MI_UINT8) {
            throw new DataFormatException(file, "variable '" + name + "' expected class uint8, was "
                    + className());
        }
        return real.asReadOnlyBuffer();
    }

    /** All values as doubles, column-major, converted from whatever numeric type stores them. */
    public double[] doubles() {
        requireNumeric();
        int n = (int) count();
        double[] out = new double[n];
        ByteBuffer b = real;
        for (int i = 0; i < n; i++) {
            out[i] = switch (storageType) {
                case MatFile.MI_INT8 -> b.get(i);
                case MatFile.MI_UINT8 -> b.get(i) & 0xFF;
                case MatFile.MI_INT16 -> b.getShort(2 * i);
                case MatFile.MI_UINT16 -> b.getShort(2 * i) & 0xFFFF;
                case MatFile.MI_INT32 -> b.getInt(4 * i);
                case MatFile.MI_UINT32 -> b.getInt(4 * i) & 0xFFFFFFFFL;
                case MatFile.MI_SINGLE -> b.getFloat(4 * i);
                case MatFile.MI_DOUBLE -> b.getDouble(8 * i);
                case MatFile.MI_INT64 -> b.getLong(8 * i);
                case MatFile.MI_UINT64 -> unsigned(b.getLong(8 * i));
                default -> throw new IllegalStateException("storage type " + storageType);
            };
        }
        return out;
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
    }

    private void requireNumeric() {
        if (unsupported != null) {
            throw new DataFormatException(file, "variable '" + name + "' " + unsupported);
        }
    }

    @Override
    public String toString() {
        return name + " " + className() + " " + Arrays.toString(dims);
    }
}
