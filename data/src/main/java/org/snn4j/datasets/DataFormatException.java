package org.snn4j.datasets;

import org.snn4j.Snn4jException;

/**
 * A data file is missing, malformed or inconsistent. The message is one line, {@code "<file>: <problem>"},
 * e.g. {@code "t10k-images-idx3-ubyte.gz: magic number expected 2051, was 2049"}.
 */
public final class DataFormatException extends Snn4jException {
    private final String file;
    private final String problem;

    public DataFormatException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public DataFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file (as named by the caller: a file name, a path or a resource name). */
    public String file() {
        return file;
    }

    /** The problem, without the file name. */
    public String problem() {
        return problem;
    }
}
