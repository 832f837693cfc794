package org.snn4j;

/**
 * Root of the errors snn4j reports about its input: bad files, shapes, flags or configurations, and
 * numerical faults. The message is one line that names the problem (file, layer, field, expected and
 * actual); control characters that came from the input (a tensor or variable name holding a newline)
 * are escaped, so the message stays one line whatever the file held. Programming errors stay
 * {@link IllegalArgumentException} and friends.
 */
public class Snn4jException extends RuntimeException {
    public Snn4jException(String message) {
        super(oneLine(message));
    }

    public Snn4jException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** {@code message} with line breaks, tabs and other control characters written as Java escapes. */
    static String oneLine(String message) {
        if (message == null || message.chars().noneMatch(Character::isISOControl)) return message;
        StringBuilder b = new StringBuilder(message.length() + 16);
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }
}
