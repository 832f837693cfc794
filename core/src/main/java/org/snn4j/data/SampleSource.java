package org.snn4j.data;

/**
 * Produces samples on demand: what a streaming {@link Dataset} holds instead of its pixels (e.g. image
 * files decoded when a batch needs them, so memory does not grow with the number of samples).
 * Implementations must be safe to call from several threads and must give the same values for the
 * same {@code (index, seed)}.
 */
@FunctionalInterface
public interface SampleSource {
    /**
     * Writes sample {@code index} ({@code C·H·W} floats, row-major) into {@code dst} from {@code offset}.
     *
     * @param seed the draw of a random augmentation (a source that augments uses only this; one that
     *     does not ignores it); 0 asks for the sample without augmentation, as {@link Dataset#sample}
     *     and un-seeded batch copies do
     * @throws org.snn4j.Snn4jException when the sample cannot be read, naming its file
     */
    void read(int index, float[] dst, int offset, long seed);
}
