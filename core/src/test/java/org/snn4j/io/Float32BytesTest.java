package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bulk float32 stream gives the bytes of one little-endian {@code putFloat} per value, raw NaN bits included. */
class Float32BytesTest {
    @Test
    void sameBytesAsOnePutPerValueAcrossBufferBoundaries() {
        SplittableRandom random = new SplittableRandom(3);
        for (int length : new int[] {0, 1, 3, 4, 5, 16, 17, 1000}) {
            float[] data = new float[length];
            for (int i = 0; i < length; i++) data[i] = (float) random.nextDouble(-1e6, 1e6);
            if (length > 4) {
                data[0] = Float.intBitsToFloat(0x7fc00123);          // a NaN with a payload
                data[1] = -0f;
                data[2] = Float.NEGATIVE_INFINITY;
                data[3] = Float.MIN_VALUE;
            }
            ByteBuffer expected = ByteBuffer.allocate(4 * length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : data) expected.putFloat(v);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);   // 4 floats a buffer-full
            Float32Bytes.stream(data, buffer, bytes -> out.write(bytes.array(), 0, bytes.limit()));
            assertArrayEquals(expected.array(), out.toByteArray(), "length " + length);
        }
    }
}
