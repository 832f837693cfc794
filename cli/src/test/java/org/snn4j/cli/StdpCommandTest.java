package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** {@code snn4j stdp} on a few bundled digits: it runs, prints each pass and its JSON, and checks its flags. */
class StdpCommandTest {
    @Test
    void trainsAndReportsEveryPass() {
        CliTest.Run r = CliTest.run("stdp", "--neurons", "10", "--passes", "2", "--limit-train", "20", "--limit-test", "10",
                "--dt", "1", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("pass 1: 20 samples in"), r.out());
        assertTrue(r.out().contains("pass 2: 20 samples in"), r.out());
        JsonObject o = JsonParser.parseString(r.lastLine()).getAsJsonObject();
        assertEquals("diehl-cook:10", o.get("model").getAsString());
        assertEquals(2, o.getAsJsonArray("passes").size());
        double acc = o.getAsJsonArray("passes").get(1).getAsJsonObject().get("test_accuracy").getAsDouble();
        assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertEquals(2, CliTest.run("stdp", "--neurons", "0").code());
        assertEquals(2, CliTest.run("stdp", "--passes", "0").code());
        assertEquals(2, CliTest.run("stdp", "--dt", "-1").code());
    }
}
