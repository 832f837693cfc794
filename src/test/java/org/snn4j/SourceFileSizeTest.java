package org.snn4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps main source files small: none may have more than {@link #MAX_LINES} lines, except the kernels
 * named in {@link #KERNEL_EXCEPTIONS}, whose hot loops and the proofs of their bit-identity read best
 * in one place. The list only names files that need it: one back under the limit must leave it.
 */
class SourceFileSizeTest {
    static final int MAX_LINES = 400;
    static final Path MAIN = Path.of("src/main/java");

    /** Kernels files allowed above the limit (path under src/main/java), each with why. */
    static final Map<String, String> KERNEL_EXCEPTIONS = Map.of(
            "org/snn4j/kernels/EventKernels.java",
            "442 lines: the event-driven conv and linear paths share one thread's tap lists and the k-block"
                    + " summing that makes them bit-identical to the GEMM; the class Javadoc argues that"
                    + " identity for both, so it stays next to the code it describes");

    @Test
    void noMainSourceFileIsLongerThanTheLimit() {
        Map<String, Long> tooLong = new TreeMap<>();
        for (Path file : javaFiles()) {
            String name = MAIN.relativize(file).toString().replace('\\', '/');
            long lines = lines(file);
            if (lines > MAX_LINES && !KERNEL_EXCEPTIONS.containsKey(name)) tooLong.put(name, lines);
        }
        assertEquals(Map.of(), tooLong, "src/main/java files above " + MAX_LINES
                + " lines (file=lines); split them into smaller classes");
    }

    @Test
    void exceptionsAreKernelsStillAboveTheLimit() {
        for (String name : KERNEL_EXCEPTIONS.keySet()) {
            assertTrue(name.startsWith("org/snn4j/kernels/"), name + ": only kernels may exceed the limit");
            Path file = MAIN.resolve(name);
            assertTrue(Files.isRegularFile(file), name + " is listed as an exception but does not exist");
            long lines = lines(file);
            assertTrue(lines > MAX_LINES, name + " has " + lines + " lines, within the limit: remove its exception");
        }
    }

    private static List<Path> javaFiles() {
        assertTrue(Files.isDirectory(MAIN), MAIN.toAbsolutePath() + " not found: run from the project directory");
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
