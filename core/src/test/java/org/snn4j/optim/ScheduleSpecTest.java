package org.snn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;

class ScheduleSpecTest {
    @Test
    void factoriesWriteTheGrammarOfSchedules() {
        assertEquals("constant", ScheduleSpec.constant().text());
        assertEquals("cosine", ScheduleSpec.cosine().text());
        assertEquals("cosine:1.0e-5", ScheduleSpec.cosine(1e-5).text());
        assertEquals("multistep:70,100,125:0.2", ScheduleSpec.multiStep(0.2, 70, 100, 125).text());
        assertEquals("warmup:2.0:cosine", ScheduleSpec.cosine().afterWarmup(2).text());
        assertEquals(ScheduleSpec.parse("  Warmup:2.0:COSINE "), ScheduleSpec.cosine().afterWarmup(2));
    }

    @Test
    void makesTheRatesOfTheParsedSchedule() {
        for (String text : new String[] {"constant", "cosine:1e-4", "multistep:2,3:0.5", "warmup:1.5:cosine"}) {
            LearningRateSchedule made = ScheduleSpec.parse(text).create(1e-2, 4), parsed = Schedules.parse(text, 1e-2, 4);
            for (int epoch = 0; epoch < 4; epoch++) {
                for (int step = 0; step < 3; step++) assertEquals(parsed.rate(epoch, step, 3), made.rate(epoch, step, 3), text);
            }
        }
    }

    @Test
    void refusesTextThatDoesNotParseWhenMade() {
        var e = assertThrows(Snn4jException.class, () -> ScheduleSpec.parse("linear"));
        assertEquals("learning-rate schedule 'linear': unknown kind 'linear'; expected one of: " + Schedules.FORMS, e.getMessage());
        assertThrows(Snn4jException.class, () -> ScheduleSpec.multiStep(0.1, 3, 2));
        assertThrows(Snn4jException.class, () -> ScheduleSpec.cosine(2).create(1, 5));  // a minimum above the base rate
    }
}
