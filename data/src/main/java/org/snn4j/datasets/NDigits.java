package org.snn4j.datasets;

import org.snn4j.data.Dataset;
import org.snn4j.events.EventDataset;
import org.snn4j.events.Events;
import org.snn4j.events.SaccadeEmulator;

/**
 * "n-digits": EMULATED event-camera recordings of the bundled MNIST-10k digits, made the way N-MNIST
 * was recorded (three saccades of 100 ms, 34×34 sensor; {@link SaccadeEmulator#nmnistLike}). No file is
 * read but the bundled digits; each recording is computed when asked, deterministically (the emulator's
 * per-pixel thresholds are seeded by the split and the digit's index). Not N-MNIST: a stand-in that
 * ships, for trying and testing the event path offline. Safe for concurrent reads.
 */
public final class NDigits implements EventDataset {
    /** Sensor side of the emulation. */
    public static final int SIDE = 34;

    private final Dataset digits;
    private final boolean train;
    private final SaccadeEmulator emulator = SaccadeEmulator.nmnistLike();

    private NDigits(Dataset digits, boolean train) {
        this.digits = digits;
        this.train = train;
    }

    /** The training (7,996 digits) or test (2,004) split. */
    public static NDigits open(boolean train) {
        return new NDigits(Datasets.loadBundled(train), train);
    }

    @Override
    public String name() {
        return "n-digits-" + (train ? "train" : "test") + " (emulated)";
    }

    @Override
    public int size() {
        return digits.size();
    }

    @Override
    public int numClasses() {
        return digits.numClasses();
    }

    @Override
    public int width() {
        return SIDE;
    }

    @Override
    public int height() {
        return SIDE;
    }

    @Override
    public int label(int i) {
        return digits.label(i);
    }

    @Override
    public Events recording(int i) {
        int[] shape = digits.sampleShape();
        long seed = (train ? 0x5EED_0001L : 0x5EED_0002L) * 0x9E3779B97F4A7C15L + i;
        return emulator.emulate(digits.sample(i), shape[2], shape[1], seed);
    }
}
