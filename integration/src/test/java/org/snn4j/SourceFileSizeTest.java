package org.snn4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps main source files small: none of any module may have more than {@link #MAX_LINES} lines, except
 * the kernels named in {@link #KERNEL_EXCEPTIONS}, whose hot loops and the proofs of their bit-identity
 * read best in one place. The list only names files that need it: one back under the limit must leave it.
 */
class SourceFileSizeTest {
    static final int MAX_LINES = 400;
    /** Every module's main sources. */
    static final List<Path> MAINS = mains();

    /** Kernels files allowed above the limit (path under core/src/main/java), each with why. */
    static final Map<String, String> KERNEL_EXCEPTIONS = Map.of(
            "org/snn4j/kernels/EventKernels.java",
            "468 lines: the event-driven conv and linear paths (and the gather and finish steps the event-list input shares) share one thread's tap lists and the k-block"
                    + " summing that makes them bit-identical to the GEMM; the class Javadoc argues that"
                    + " identity for both, so it stays next to the code it describes");

    @Test
    void noMainSourceFileIsLongerThanTheLimit() {
        Map<String, Long> tooLong = new TreeMap<>();
        for (Path file : javaFiles()) {
            String name = name(file);
            long lines = lines(file);
            if (lines > MAX_LINES && !KERNEL_EXCEPTIONS.containsKey(name)) tooLong.put(name, lines);
        }
        assertEquals(Map.of(), tooLong, "main source files above " + MAX_LINES
                + " lines (file=lines); split them into smaller classes");
    }

    @Test
    void exceptionsAreKernelsStillAboveTheLimit() {
        for (String name : KERNEL_EXCEPTIONS.keySet()) {
            assertTrue(name.startsWith("org/snn4j/kernels/"), name + ": only kernels may exceed the limit");
            Path file = ProjectDir.root().resolve("core/src/main/java").resolve(name);
            assertTrue(Files.isRegularFile(file), name + " is listed as an exception but does not exist");
            long lines = lines(file);
            assertTrue(lines > MAX_LINES, name + " has " + lines + " lines, within the limit: remove its exception");
        }
    }

    private static List<Path> mains() {
        try (Stream<Path> modules = Files.list(ProjectDir.root())) {
            List<Path> mains = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList();
            assertTrue(mains.size() > 1, "no module sources found under " + ProjectDir.root());
            return mains;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaFiles() {
        List<Path> all = new ArrayList<>();
        for (Path main : MAINS) {
            try (Stream<Path> files = Files.walk(main)) {
                files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(all::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /** The path under the module's src/main/java. */
    private static String name(Path file) {
        for (Path main : MAINS) {
            if (file.startsWith(main)) return main.relativize(file).toString().replace('\\', '/');
        }
        throw new IllegalArgumentException(file.toString());
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
