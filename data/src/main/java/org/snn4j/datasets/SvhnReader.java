package org.snn4j.datasets;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.snn4j.data.Dataset;

/**
 * Reads the SVHN "cropped digits" files ({@code train_32x32.mat}, {@code test_32x32.mat}, {@code
 * extra_32x32.mat}): MAT v5 files holding {@code X}, uint8 {@code [32, 32, 3, N]} in MATLAB's
 * column-major order, and {@code y}, {@code [N, 1]} labels 1–10 where 10 stands for the digit 0.
 *
 * <p>Sample {@code n} becomes {@code [3, 32, 32]} row-major: {@code out[c][h][w] = X(h, w, c, n)}, which
 * sits at {@code h + 32·w + 1024·c + 3072·n} in the file; each channel plane is thus transposed.
 */
public final class SvhnReader {
    private SvhnReader() {}

    /** Reads one SVHN .mat file into a 10-class data set (label = digit). */
    public static Dataset read(String name, Path file) {
        return read(name, MatFile.read(file), file.toString());
    }

    /** Builds the data set from already parsed variables; {@code file} names the source in messages. */
    public static Dataset read(String name, Map<String, MatArray> vars, String file) {
        MatArray x = vars.get("X");
        if (x == null) throw new DataFormatException(file, "missing variable 'X' (variables: " + vars.keySet() + ")");
        MatArray y = vars.get("y");
        if (y == null) throw new DataFormatException(file, "missing variable 'y' (variables: " + vars.keySet() + ")");
        int[] d = x.dims();
        if (d.length != 4 || d[0] != 32 || d[1] != 32 || d[2] != 3) {
            throw new DataFormatException(file, "variable 'X' dims expected [32, 32, 3, N], was " + Arrays.toString(d));
        }
        int n = d[3];
        int[] yd = y.dims();
        if (yd.length != 2 || !(yd[1] == 1 || yd[0] == 1)) {
            throw new DataFormatException(file, "variable 'y' dims expected [N, 1], was " + Arrays.toString(yd));
        }
        if (y.count() != n) throw new DataFormatException(file, y.count() + " labels but " + n + " images");
        ByteBuffer src = x.uint8();
        double[] yv = y.doubles();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double v = yv[i];
            if (v != Math.rint(v) || v < 1 || v > 10) {
                throw new DataFormatException(file, "label " + v + " at index " + i + " out of range [1, 10]");
            }
            labels[i] = (int) v % 10;
        }
        final int plane = 32 * 32, sample = 3 * plane;
        byte[] pixels = new byte[Math.multiplyExact(n, sample)];
        byte[] scratch = new byte[sample];
        for (int s = 0; s < n; s++) {
            src.get(s * sample, scratch);
            int base = s * sample;
            for (int c = 0; c < 3; c++) {
                int p = c * plane;
                for (int h = 0; h < 32; h++) {
                    int row = base + p + h * 32;
                    for (int w = 0; w < 32; w++) pixels[row + w] = scratch[p + w * 32 + h];
                }
            }
        }
        return Dataset.ofBytes(name, pixels, labels, 10, 3, 32, 32);
    }
}
