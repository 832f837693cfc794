package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A run that does not fit the heap ends with one line naming the command and the heap, exit code 1, whether the
 * command's own thread ran out or a worker did and the error came back as a cause (picocli passes an
 * {@link Error} through, so {@link Main#execute} catches it).
 */
class OutOfMemoryTest {
    @Command(name = "snn4j", subcommands = {Fill.class, Worker.class})
    static final class Root implements Runnable {
        @Override
        public void run() {}
    }

    /** Runs out of heap in its own thread. */
    @Command(name = "fill")
    static final class Fill implements Runnable {
        @Override
        public void run() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    /** A worker ran out of heap; the command gets its error as the cause of another exception. */
    @Command(name = "worker")
    static final class Worker implements Runnable {
        @Override
        public void run() {
            throw new CompletionException(new OutOfMemoryError("Java heap space"));
        }
    }

    @Test
    void runningOutOfHeapIsOneLineAndExitCodeOne() {
        for (String sub : new String[] {"fill", "worker"}) {
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new Root()).setErr(new PrintWriter(err, true));
            int code = Main.execute(cli, sub);
            String text = err.toString().strip();
            assertEquals(1, code, sub);
            assertEquals(1, text.lines().count(), sub + ": " + text);
            assertTrue(text.startsWith("snn4j " + sub + ": out of memory: the run needs more than the JVM's heap of "), text);
            assertTrue(text.contains("SNN4J_JAVA_OPTS=-Xmx"), text);
        }
    }
}
