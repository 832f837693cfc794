package org.snn4j.cli;

import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Shows the library's log records on stderr as the command line's own lines, {@code snn4j: <message>}
 * (for example {@code snn4j: using scalar kernels (slower): ...}). The library logs through
 * {@link System.Logger}, which the JDK backs with {@code java.util.logging}; this configures the
 * {@code org.snn4j} logger of the latter: records of level INFO and above, one line each, on the stderr of
 * the moment they are logged (tests swap it), and not also on the root logger's two-line console format.
 */
final class ConsoleLog {
    /** Held here: java.util.logging keeps loggers only weakly, and a collected logger forgets its handler. */
    private static final Logger LIBRARY = Logger.getLogger("org.snn4j");
    private static boolean installed;

    private ConsoleLog() {}

    /** Installs the one-line handler (once per JVM; later calls do nothing). */
    static synchronized void install() {
        if (installed) return;
        LIBRARY.setUseParentHandlers(false);
        LIBRARY.addHandler(new StderrLine());
        installed = true;
    }

    /** The line {@code snn4j: <message>} of a record, followed by its throwable when it has one. */
    static String line(LogRecord record) {
        String message = new SimpleFormatter().formatMessage(record);
        Throwable thrown = record.getThrown();
        return "snn4j: " + message + (thrown == null ? "" : ": " + thrown);
    }

    /** Prints each record it is given as {@link #line}. */
    private static final class StderrLine extends Handler {
        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) System.err.println(line(record));
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {}
    }
}
