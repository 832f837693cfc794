package org.snn4j;

/**
 * The one property every parser's fuzz target checks: whatever the bytes, the parser either returns or
 * throws its documented input error ({@code documented}, a {@link Snn4jException} subclass) with a
 * one-line message. Any other throwable (IndexOutOfBounds, NegativeArraySize, OutOfMemoryError, an
 * unchecked Gson error, ...) leaves the target and is a finding; a hang is caught by the fuzzer's
 * timeout.
 *
 * <p>To add a parser (e.g. NIR, ONNX): write a {@code <Parser>FuzzTest} with one {@code @FuzzTest}
 * method that calls {@link #parseOrReject}, put a few valid files in
 * {@code src/test/resources/<package>/<Parser>FuzzTestInputs/<method>/} as seeds, and add its row to
 * docs/RELIABILITY.md.
 */
public final class FuzzContract {
    private FuzzContract() {}

    /** Something that parses one fuzzer input; its result is ignored. */
    @FunctionalInterface
    public interface Parse {
        void run() throws Exception;
    }

    /**
     * Runs {@code parse}; an error of one of the {@code documented} types with a one-line message is an
     * accepted rejection, anything else propagates.
     *
     * @throws AssertionError when the parser throws another {@link Snn4jException} type or a multi-line message
     */
    @SafeVarargs
    public static void parseOrReject(Parse parse, Class<? extends Snn4jException>... documented) throws Exception {
        try {
            parse.run();
        } catch (Snn4jException e) {
            if (java.util.Arrays.stream(documented).noneMatch(c -> c.isInstance(e))) {
                throw new AssertionError("undocumented error type " + e.getClass().getName(), e);
            }
            String m = e.getMessage();
            if (m == null || m.isBlank() || m.contains("\n")) throw new AssertionError("not a one-line message: " + m, e);
        }
    }
}
