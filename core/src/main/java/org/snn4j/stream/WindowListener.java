package org.snn4j.stream;

/** Hears each window's output as soon as it is computed (a printer, a service's callback, a test's record). */
@FunctionalInterface
public interface WindowListener {
    /** Called once per window, in order, on the thread running the stream. */
    void window(StreamWindow window);
}
