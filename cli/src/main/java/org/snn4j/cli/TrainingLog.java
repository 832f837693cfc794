package org.snn4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.snn4j.train.EpochRecord;
import org.snn4j.train.Reports;
import org.snn4j.train.TrainingListener;

/**
 * What {@code train} and {@code finetune} print while they train (on stderr): a line when a checkpoint is
 * resumed, a progress bar per epoch with ETA and the running loss and accuracy (when asked for), and one
 * line per epoch.
 */
final class TrainingLog implements TrainingListener {
    private final PrintStream out;
    private final boolean bar;
    private ProgressBar progress;

    /**
     * @param out where the lines and the bar go
     * @param bar whether to draw a progress bar during each epoch
     */
    TrainingLog(PrintStream out, boolean bar) {
        this.out = out;
        this.bar = bar;
    }

    @Override
    public void resumed(Path checkpoint, int epochsDone) {
        out.printf("resuming from %s after epoch %d%n", checkpoint, epochsDone);
    }

    @Override
    public void epochStarted(int epoch, int epochs, long samples) {
        if (!bar) return;
        progress = new ProgressBarBuilder()
                .setTaskName("epoch " + epoch + "/" + epochs)
                .setInitialMax(samples)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setUnit(" samples", 1)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
    }

    @Override
    public void batchEnded(BatchProgress p) {
        if (progress == null) return;
        progress.stepBy(p.size());
        progress.setExtraMessage(String.format("loss %.4f acc %.4f", p.meanLoss(), p.accuracy()));
    }

    @Override
    public void batchesEnded(int epoch) {
        if (progress == null) return;
        progress.close();
        progress = null;
    }

    @Override
    public void epochEnded(EpochRecord r, int epochs) {
        out.printf("epoch %d/%d  loss %.4f  train acc %.4f  test acc %.4f  %.0f samples/s  spikes/neuron/step %s%n",
                r.epoch(), epochs, r.trainLoss(), r.trainAccuracy(), r.testAccuracy(), r.trainSamplesPerSecond(),
                Reports.rates(r.testSpikeRates()));
    }
}
