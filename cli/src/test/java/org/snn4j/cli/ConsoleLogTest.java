package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The library's log records, as the command line shows them. */
class ConsoleLogTest {
    @Test
    void aLibraryRecordOfLevelInfoOrAboveIsOneStderrLineAndDebugIsNotShown() {
        ConsoleLog.install();
        ConsoleLog.install();                                           // once per JVM: still one line per record
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true));
            System.Logger logger = System.getLogger("org.snn4j.kernels.KernelProvider");
            logger.log(System.Logger.Level.WARNING, "using scalar kernels (slower): a reason; the fix");
            logger.log(System.Logger.Level.DEBUG, "not shown");
        } finally {
            System.setErr(oldErr);
        }
        assertEquals("snn4j: using scalar kernels (slower): a reason; the fix" + System.lineSeparator(), err.toString());
    }
}
