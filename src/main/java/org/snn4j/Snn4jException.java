package org.snn4j;

/**
 * Root of the errors snn4j reports about its input: bad files, shapes, flags or configurations, and
 * numerical faults. The message is one line that names the problem (file, layer, field, expected and
 * actual). Programming errors stay {@link IllegalArgumentException} and friends.
 */
public class Snn4jException extends RuntimeException {
    public Snn4jException(String message) {
        super(message);
    }

    public Snn4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
