package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.Snn4jException;
import org.snn4j.io.Checkpoint;
import org.snn4j.io.TrainState;
import org.snn4j.tensor.Tensor;

/**
 * Crash safety of training, end to end: {@code snn4j train} runs in a child JVM, is killed with SIGKILL
 * ({@link Process#destroyForcibly}) in the middle of its third epoch, and is resumed with {@code --resume}
 * in a new JVM. Checks that (a) the checkpoint on disk parses whenever it is looked at, during the run and
 * after the kill (never half-written), (b) the checkpoint holds every epoch that finished before the kill,
 * so less than one epoch of work is lost, (c) the resumed run ends with bitwise the weights of an
 * uninterrupted run with the same seed.
 */
class KillAndResumeTest {
    private static final int EPOCHS = 3;
    private static final int TRAIN_SAMPLES = 2048;
    private static final String[] TRAIN = {"train", "--model", "w1", "--width", "0.25", "--limit-train", String.valueOf(TRAIN_SAMPLES),
            "--limit-test", "128", "--epochs", String.valueOf(EPOCHS), "--T", "2", "--threads", "1", "--seed", "7",
            "--no-progress"};

    @TempDir
    Path dir;

    @Test
    void sigkillMidEpochThenResumeEndsWithTheWeightsOfAnUninterruptedRun() throws Exception {
        Path straight = dir.resolve("straight.snn4j");
        assertEquals(0, run(straight).waitForExit(), "uninterrupted run");

        Path out = dir.resolve("killed.snn4j");
        Path ckpt = Path.of(out + ".ckpt");
        Child child = run(out);
        CheckpointWatcher watcher = new CheckpointWatcher(ckpt, child.process);
        watcher.start();
        // epoch 2's rate (its line says "... N samples/s ...") says how long epoch 3's training takes; epoch 1
        // is no guide, it runs several times slower while the JIT compiles
        String epoch2 = child.awaitLine("epoch 2/" + EPOCHS);
        var rate = java.util.regex.Pattern.compile("(\\d+) samples/s").matcher(epoch2);
        assertTrue(rate.find(), epoch2);
        long waitMillis = Math.max(20, 1000L * TRAIN_SAMPLES / Long.parseLong(rate.group(1)) / 4);
        Thread.sleep(waitMillis);                                            // about a quarter into epoch 3
        System.out.println("SIGKILL " + waitMillis + " ms into epoch 3; " + epoch2);
        assertFalse(child.sawLine("epoch 3/" + EPOCHS), "still in epoch 3 when killed: " + child.lines);
        child.process.destroyForcibly();
        child.process.waitFor(30, TimeUnit.SECONDS);
        watcher.join();

        assertEquals(null, watcher.failure.get(), "every look at the checkpoint during the run parsed it");
        assertTrue(watcher.parses.get() > 0, "the watcher saw the checkpoint");
        Checkpoint afterKill = Checkpoint.load(ckpt);                       // (a) complete after SIGKILL
        long done = TrainState.of(afterKill, ckpt.toString()).integer("epochs_done", -1, 0, EPOCHS);
        assertEquals(2, done, "(b) the finished epochs are in the checkpoint: only the interrupted one is lost");
        assertFalse(Files.exists(out), "no model file from a killed run");

        Child resumed = run(out, "--resume");
        assertEquals(0, resumed.waitForExit(), String.join("\n", resumed.lines));
        assertTrue(resumed.sawLine("resuming from " + ckpt + " after epoch 2"), String.join("\n", resumed.lines));

        Checkpoint a = Checkpoint.load(straight), b = Checkpoint.load(out);  // (c) bitwise equal weights
        assertEquals(a.parameters().keySet(), b.parameters().keySet());
        assertBitwiseEqual(a.parameters(), b.parameters());
        assertBitwiseEqual(a.buffers(), b.buffers());
    }

    private static void assertBitwiseEqual(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        expected.forEach((name, t) -> assertArrayEquals(t.data(), actual.get(name).data(), name));  // compares float bits
    }

    /** {@code snn4j train} with {@link #TRAIN} in a child JVM with this JVM's java and class path; stderr collected. */
    private Child run(Path out, String... more) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaCommand(), "--add-modules", "jdk.incubator.vector", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(TRAIN));
        cmd.addAll(List.of("--out", out.toString()));
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new Child(p);
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A child process and the lines of its stderr, read as they come. */
    private static final class Child {
        final Process process;
        final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        Child(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                        queue.add(line);
                    }
                } catch (IOException ignored) {
                    // the process was killed: its stream ends
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline) {
                String line = queue.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith(prefix)) return line;
                if (line == null && !process.isAlive()) break;
            }
            throw new AssertionError("no line '" + prefix + "' from the child: " + lines);
        }

        boolean sawLine(String prefix) {
            synchronized (lines) {
                return lines.stream().anyMatch(l -> l.startsWith(prefix));
            }
        }

        int waitForExit() throws InterruptedException {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("child did not finish: " + lines);
            }
            return process.exitValue();
        }
    }

    /** Parses the checkpoint over and over while the training process lives; keeps the first failure. */
    private static final class CheckpointWatcher extends Thread {
        final AtomicInteger parses = new AtomicInteger();
        final AtomicReference<String> failure = new AtomicReference<>();
        private final Path ckpt;
        private final Process process;

        CheckpointWatcher(Path ckpt, Process process) {
            this.ckpt = ckpt;
            this.process = process;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (process.isAlive()) {
                if (Files.exists(ckpt)) {
                    try {
                        Checkpoint.load(ckpt);
                        parses.incrementAndGet();
                    } catch (Snn4jException e) {
                        // a missing file after exists() would be a rename window: atomic rename has none
                        failure.compareAndSet(null, e.getMessage());
                    }
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
