package org.snn4j.model;

import org.snn4j.Snn4jException;

/** A model spec (preset name, JSON file or field) is invalid; the message names where and why. */
public final class SpecException extends Snn4jException {
    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
