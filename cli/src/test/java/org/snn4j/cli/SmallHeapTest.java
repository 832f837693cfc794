package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.io.Checkpoint;

/**
 * Inputs under 1 MB that once hung the tool and then ran it out of memory (issue 24) fail with their
 * one-line message in a JVM of 256 MB: each case runs {@code snn4j} in a child JVM with {@code -Xmx256m},
 * which must exit 1 or 2 with the expected message and no OutOfMemoryError. The time each takes, JVM
 * start included, is printed as {@code SMALLHEAP|case|ms} for docs/RELIABILITY.md; the one-minute wait
 * only keeps a regression from hanging the suite.
 */
class SmallHeapTest {
    @TempDir
    Path dir;

    private static final String HUGE_SPEC = """
            {"name": "huge", "input": [1, 28, 28], "classes": 10,
             "layers": [{"type": "conv", "out": 4, "kernel": 3, "padding": 1}, {"type": "spike"},
                        {"type": "backres", "passes": 2000000000,
                         "body": [{"type": "conv", "out": 4, "kernel": 3, "padding": 1}, {"type": "spike"}]},
                        {"type": "flatten"}, {"type": "linear", "out": 10}, {"type": "readout"}]}""";

    private static final String[] QUICK = {"--limit-train", "64", "--limit-test", "64", "--epochs", "1", "--threads", "1",
            "--no-progress"};

    @Test
    void craftedSpecsPresetsAndFlagsFailWithTheirMessageInASmallHeap() throws Exception {
        Path spec = Files.writeString(dir.resolve("huge.json"), HUGE_SPEC);
        Path model = dir.resolve("huge.snn4j");
        new Checkpoint(Checkpoint.Kind.MODEL, HUGE_SPEC, Map.of(), Map.of(), Map.of(), Map.of()).save(model);
        Path out = dir.resolve("out.snn4j");
        String unrolls = "the network unrolls to more than 10000 layers";
        check("spec of 2e9 backward passes", 1, unrolls, train("--model", spec.toString(), "--out", out.toString()));
        check("model file holding that spec", 1, unrolls, List.of("eval", "--model-file", model.toString()));
        check("preset resnet600000002", 2, "600000002 layers, more than the limit of 10000",
                train("--model", "resnet600000002", "--out", out.toString()));
        check("preset backres-vgg2000000000", 2, "2000000000 layers, more than the limit of 10000",
                train("--model", "backres-vgg2000000000", "--out", out.toString()));
        check("--T 5000 on W1", 2, "needs about", train("--model", "w1", "--T", "5000", "--out", out.toString()));
        check("--T 1000000000 on W1", 2, "needs about", train("--model", "w1", "--T", "1000000000", "--out", out.toString()));
        assertFalse(Files.exists(out));
    }

    private static List<String> train(String... args) {
        List<String> a = new ArrayList<>(List.of("train"));
        a.addAll(List.of(args));
        a.addAll(List.of(QUICK));
        return a;
    }

    private static void check(String what, int code, String message, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaCommand(), "--add-modules", "jdk.incubator.vector", "-Xmx256m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        byte[] err = p.getErrorStream().readAllBytes();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        long ms = (System.nanoTime() - start) / 1_000_000;
        String stderr = new String(err, StandardCharsets.UTF_8);
        assertTrue(ended, what + ": still running after a minute");
        System.out.println("SMALLHEAP|" + what + "|" + ms);
        assertFalse(stderr.contains("OutOfMemoryError"), what + ": " + stderr);
        assertEquals(code, p.exitValue(), what + ": " + stderr);
        String last = stderr.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("snn4j ") && last.contains(message), what + ": " + stderr);
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
