package org.snn4j.kernels;

/**
 * The rows of the column matrix that {@link ConvImpl} builds for the forward convolution and the weight
 * gradient, and its fold back into images for backward-data, with a Vector API body for the geometries it
 * serves ({@link PanamaIm2Col}, which hands the others to {@link Im2Col}) and its scalar twin
 * ({@link ScalarIm2Col}, {@link Im2Col} for all).
 * Values are only moved, so both give exactly {@link Im2Col#row}'s rows; the fold adds each pixel's terms
 * in {@link Im2Col#col2im}'s order, so it gives its bits too. Implementations trust their arguments.
 */
interface Im2ColKernel {
    /** Elements {@link #row} may write past the end of a row: the slack the caller's buffers need. */
    int slack();

    /** What {@link #row} needs for every row of one call on geometry {@code g}, computed once; null if nothing. */
    boolean[][] insideMasks(ConvGeometry g);

    /**
     * Row r of the column matrix of images [i0, i0 + b) into {@code out[off ..]}, as {@link Im2Col#row};
     * {@code inside} is {@link #insideMasks} of {@code g}.
     */
    void row(ConvGeometry g, float[] x, int i0, int b, int r, boolean[][] inside, float[] out, int off);

    /**
     * {@link Im2Col#col2im}: overwrites images [i0, i0 + b) of {@code dx} with the adjoint of the column
     * matrix, {@code dcol} ({@code K × b·P}, row-major; scratch: its entries that read the padding may be set
     * to 0); {@code inside} is {@link #insideMasks} of {@code g}. Touches no element of dx outside those images.
     */
    void col2im(ConvGeometry g, float[] dcol, int i0, int b, boolean[][] inside, float[] dx);
}
