package org.snn4j;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The short fuzz run of every parser in the ordinary test suite, without Jazzer: a fixed number of
 * deterministic mutants of a target's seed files (bit flips, boundary bytes, boundary int32 values in
 * both byte orders, truncation, duplicated and deleted slices) go through the same fuzz target method,
 * so the same {@link FuzzContract} holds for them. Coverage-guided fuzzing (scripts/fuzz) goes much
 * further; this keeps a regression from reaching main unnoticed.
 */
public final class SeedMutations {
    private static final int[] BOUNDARY_INTS = {0, 1, -1, 2, 255, 256, 65535, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Integer.MAX_VALUE - 15, 1 << 30, 3072, 2051, 2049, 14, 15};
    private static final byte[] BOUNDARY_BYTES = {0, 1, -1, 0x7f, (byte) 0x80, '"', '{', '[', ',', '\n', '9', '-'};

    private SeedMutations() {}

    /** A fuzz target: one input through the parser under {@link FuzzContract}. */
    @FunctionalInterface
    public interface Target {
        void accept(byte[] input) throws Exception;
    }

    /**
     * Runs {@code mutants} mutants of the seeds in {@code <owner>Inputs/<method>/} (test resources) through
     * {@code target}; a throwable names the seed and mutant number, which reproduce it.
     */
    public static void check(Class<?> owner, String method, int mutants, Target target) throws Exception {
        List<byte[]> seeds = seeds(owner, method);
        if (seeds.isEmpty()) throw new AssertionError("no seeds for " + owner.getSimpleName() + "#" + method);
        SplittableRandom rng = new SplittableRandom(owner.getName().hashCode() * 31L + method.hashCode());
        for (int i = 0; i < mutants; i++) {
            byte[] seed = seeds.get(i % seeds.size());
            byte[] mutant = mutate(seed, rng);
            try {
                target.accept(mutant);
            } catch (Throwable t) {
                throw new AssertionError(owner.getSimpleName() + "#" + method + " mutant " + i + " of seed " + (i % seeds.size())
                        + " (" + mutant.length + " bytes, starting " + hex(mutant) + "): " + t, t);
            }
        }
    }

    /** One to four mutations of {@code seed}. */
    static byte[] mutate(byte[] seed, SplittableRandom rng) {
        byte[] b = seed.clone();
        int rounds = 1 + rng.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            if (b.length == 0) return new byte[] {(byte) rng.nextInt(256)};
            int at = rng.nextInt(b.length);
            switch (rng.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << rng.nextInt(8));
                case 1 -> b[at] = BOUNDARY_BYTES[rng.nextInt(BOUNDARY_BYTES.length)];
                case 2 -> {
                    if (b.length >= 4) {
                        int off = rng.nextInt(b.length - 3);
                        ByteOrder order = rng.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                        ByteBuffer.wrap(b).order(order).putInt(off, BOUNDARY_INTS[rng.nextInt(BOUNDARY_INTS.length)]);
                    }
                }
                case 3 -> b = Arrays.copyOf(b, at);
                case 4 -> {
                    int len = 1 + rng.nextInt(Math.min(64, b.length - at));
                    byte[] longer = new byte[b.length + len];
                    System.arraycopy(b, 0, longer, 0, at + len);
                    System.arraycopy(b, at, longer, at + len, b.length - at);
                    b = longer;
                }
                default -> {
                    int len = 1 + rng.nextInt(Math.min(64, b.length - at));
                    byte[] shorter = new byte[b.length - len];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + len, shorter, at, b.length - at - len);
                    b = shorter;
                }
            }
        }
        return b;
    }

    private static List<byte[]> seeds(Class<?> owner, String method) throws IOException, URISyntaxException {
        URL dir = owner.getResource(owner.getSimpleName() + "Inputs/" + method);
        if (dir == null) return List.of();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.sorted().map(SeedMutations::read).toList();
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(16, b.length); i++) s.append(String.format("%02x", b[i]));
        return s.toString();
    }
}
