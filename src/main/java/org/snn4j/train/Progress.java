package org.snn4j.train;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar with ETA and a running message on stderr (a no-op when switched off). */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    Progress(boolean enabled, String task, long total, PrintStream out) {
        this.bar = !enabled ? null : new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setUnit(" samples", 1)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
    }

    void step(long n, String message) {
        if (bar == null) return;
        bar.stepBy(n);
        bar.setExtraMessage(message);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
