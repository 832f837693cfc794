package org.snn4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class Snn4jExceptionTest {
    @Test
    void controlCharactersFromTheInputAreEscapedSoTheMessageStaysOneLine() {
        assertEquals("f.safetensors: tensor 'a\\nb\\t\\u0000' is missing",
                new Snn4jException("f.safetensors: tensor 'a\nb\t\0' is missing").getMessage());
    }

    @Test
    void plainMessagesAreKeptAsTheyAre() {
        String m = "model 'w1' expects inputs [1, 28, 28] — ü";
        assertSame(m, new Snn4jException(m).getMessage());
    }
}
