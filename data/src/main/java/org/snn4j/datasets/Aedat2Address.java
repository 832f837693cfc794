package org.snn4j.datasets;

/**
 * How an AEDAT 2.0 event's 32-bit address splits into x, y and polarity; AEDAT 2.0 leaves it to the
 * sensor. Both layouts read the DVS128's bits: {@code x_raw = (a >> 1) & 0x7F}, {@code y_raw = (a >> 8) &
 * 0x7F}, {@code p_raw = a & 1} (the DVS128 reports ON as 0); the higher bits (special events) are not read.
 */
public enum Aedat2Address {
    /** jAER's DVS128 view: {@code x = 127 - x_raw}, {@code y = y_raw}, ON when {@code p_raw = 0}. */
    DVS128 {
        @Override
        int x(int a) {
            return 127 - ((a >> 1) & 0x7F);
        }

        @Override
        int y(int a) {
            return (a >> 8) & 0x7F;
        }
    },
    /**
     * CIFAR10-DVS as SpikingJelly and Tonic read it (recorded with a DVS128 rotated against the monitor): {@code x =
     * 127 - y_raw}, {@code y = 127 - x_raw}, ON when {@code p_raw = 0}.
     */
    CIFAR10_DVS {
        @Override
        int x(int a) {
            return 127 - ((a >> 8) & 0x7F);
        }

        @Override
        int y(int a) {
            return 127 - ((a >> 1) & 0x7F);
        }
    };

    abstract int x(int address);

    abstract int y(int address);

    int polarity(int address) {
        return 1 - (address & 1);
    }
}
