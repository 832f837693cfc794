package org.snn4j.kernels;

/**
 * The scalar twin of {@link PanamaIm2Col}: {@link Im2Col#row} and {@link Im2Col#col2im} for every geometry, writing
 * nothing past a row.
 */
final class ScalarIm2Col implements Im2ColKernel {
    @Override
    public int slack() {
        return 0;
    }

    @Override
    public boolean[][] insideMasks(ConvGeometry g) {
        return null;
    }

    @Override
    public void row(ConvGeometry g, float[] x, int i0, int b, int r, boolean[][] inside, float[] out, int off) {
        Im2Col.row(g, x, i0, b, r, out, off);
    }

    @Override
    public void col2im(ConvGeometry g, float[] dcol, int i0, int b, boolean[][] inside, float[] dx) {
        Im2Col.col2im(g, dcol, i0, b, dx);
    }
}
