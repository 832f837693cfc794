package org.snn4j.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;

class EncoderSpecTest {
    @Test
    void parsesTheNamesOfEncodersIncludingTheAlias() {
        assertEquals(EncoderSpec.direct(), EncoderSpec.parse(" Direct", 1.0));
        assertEquals(EncoderSpec.bernoulli(0.5), EncoderSpec.parse("rate", 0.5));
        assertEquals("bernoulli", EncoderSpec.parse("RATE", 0.5).kind().label());
        var e = assertThrows(Snn4jException.class, () -> EncoderSpec.parse("poisson", 1));
        assertEquals("unknown encoder 'poisson'; expected one of: " + Encoders.NAMES, e.getMessage());
        e = assertThrows(Snn4jException.class, () -> EncoderSpec.bernoulli(0));
        assertEquals("encoder gain must be > 0, was 0.0", e.getMessage());
    }

    @Test
    void makesTheEncoderOfItsKind() {
        assertInstanceOf(DirectEncoder.class, EncoderSpec.direct().create());
        assertInstanceOf(BernoulliEncoder.class, EncoderSpec.bernoulli(0.5).create());
    }
}
