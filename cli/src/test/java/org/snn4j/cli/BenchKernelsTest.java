package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code snn4j bench kernels}: its lines and its JSON keys, from JMH runs in the test's JVM ({@code --forks 0})
 * of one iteration each; the figures are only checked to be positive.
 */
class BenchKernelsTest {
    @BeforeAll
    static void ignoreOtherJmhRuns() {
        // JMH refuses to start while another JMH run on the machine holds its lock file (another module's tests)
        System.setProperty("jmh.ignoreLock", "true");
    }

    @Test
    void printsOneLinePerFigureThenTheJsonWithTheSameKeysAsBefore() {
        CliTest.Run r = CliTest.run("bench", "kernels", "--threads", "2", "--reps", "1", "--warmups", "0", "--forks", "0", "--json");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("# ") || r.err().contains("Iteration"), "JMH's progress stays off the console: " + r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(1 + 8 + 2 + 2 + 1, lines.size(), r.out());
        assertTrue(lines.get(0).matches("GEMM \\(.+\\), GFLOP/s, median of 1"), lines.get(0));
        assertTrue(lines.get(1).matches(" {2}512x512x512 {4}1 thread  +[0-9.]+"), lines.get(1));
        assertTrue(lines.get(2).matches(" {2}512x512x512 {4}2 threads +[0-9.]+"), lines.get(2));
        assertTrue(lines.get(9).matches("conv2d fwd\\+bwd N=64 C=64 32x32 3x3 pad 1, 1 thread: [0-9.]+ ms"), lines.get(9));
        assertTrue(lines.get(12).matches("fused LIF fwd\\+bwd 1M neurons T=8, 2 threads: [0-9.]+ ms"), lines.get(12));

        JsonObject o = JsonParser.parseString(r.lastLine()).getAsJsonObject();
        assertEquals(new TreeSet<>(Set.of("date", "java", "processors", "gemm_implementation", "neuron_loops_vectorized", "gemm",
                "conv_fwd_bwd_ms_1t", "conv_fwd_bwd_ms_2t", "lif_fwd_bwd_ms_1t", "lif_fwd_bwd_ms_2t")), new TreeSet<>(o.keySet()));
        JsonArray gemm = o.getAsJsonArray("gemm");
        assertEquals(8, gemm.size());
        String[] shapes = {"512x512x512", "64x25088x576", "576x25088x64", "64x576x25088"};
        for (int i = 0; i < gemm.size(); i++) {
            JsonObject e = gemm.get(i).getAsJsonObject();
            assertEquals(Set.of("shape", "threads", "gflops"), e.keySet());
            assertEquals(shapes[i / 2], e.get("shape").getAsString());
            assertEquals(i % 2 == 0 ? 1 : 2, e.get("threads").getAsInt());
            assertTrue(e.get("gflops").getAsDouble() > 0, e.toString());
        }
        for (String key : new String[] {"conv_fwd_bwd_ms_1t", "conv_fwd_bwd_ms_2t", "lif_fwd_bwd_ms_1t", "lif_fwd_bwd_ms_2t"}) {
            JsonElement ms = o.get(key);
            assertTrue(ms.getAsDouble() > 0 && Double.isFinite(ms.getAsDouble()), key + " " + ms);
        }
        assertEquals(Runtime.getRuntime().availableProcessors(), o.get("processors").getAsInt());
    }

    @Test
    void badCountsAreBadUsage() {
        for (String[] flag : new String[][] {{"--forks", "-1"}, {"--reps", "0"}, {"--warmups", "-1"}, {"--threads", "0"}}) {
            CliTest.Run r = CliTest.run("bench", "kernels", flag[0], flag[1]);
            assertEquals(2, r.code(), String.join(" ", flag));
            assertTrue(r.err().contains(flag[0]), r.err());
        }
    }
}
