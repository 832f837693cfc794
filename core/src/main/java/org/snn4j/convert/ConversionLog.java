package org.snn4j.convert;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Function;
import org.snn4j.io.JsonLines;
import org.snn4j.metrics.EnergyModel;
import org.snn4j.model.Model;
import org.snn4j.train.EvalResult;

/**
 * A conversion's metrics log: a {@link ConversionSweep.Listener} that appends one JSON object per measured
 * (method, T) row to a JSON Lines file ({@link JsonLines}), the same file format as a training run's
 * {@link org.snn4j.train.MetricsLog}. Fields: {@code kind} "conversion", {@code command} "convert",
 * {@code method}, {@code T}, {@code accuracy}, {@code spikes_per_neuron} (per step), {@code spikes_per_sample},
 * {@code acs}, {@code macs} (per sample), {@code energy_snn_joules} and {@code energy_ann_joules} (45 nm fp32),
 * {@code time}, and with errors measured {@code layers}: per spiking layer its {@code layer}, {@code threshold},
 * {@code quantization_error}, {@code deviation_error}, {@code error_vs_ann} and {@code excess_vs_ann}.
 * Every conversion appends; a reader takes the last row of each (method, T).
 */
public final class ConversionLog implements ConversionSweep.Listener {
    private final Path file;
    private final Function<ConversionSweep.Row, String> label;

    /**
     * @param file  the log, appended to
     * @param label the name of a row's method as the user gave it (e.g. "p99.9+bias")
     */
    public ConversionLog(Path file, Function<ConversionSweep.Row, String> label) {
        this.file = file;
        this.label = label;
    }

    @Override
    public void measured(ConversionSweep.Row row, Model snn) {
        EvalResult r = row.result();
        EnergyModel energy = EnergyModel.FP32_45NM;
        JsonObject o = new JsonObject();
        o.addProperty("kind", "conversion");
        o.addProperty("command", "convert");
        o.addProperty("method", label.apply(row));
        o.addProperty("T", row.steps());
        JsonLines.putNumber(o, "accuracy", r.accuracy());
        JsonLines.putNumber(o, "spikes_per_neuron", r.overallSpikeRate());
        JsonLines.putNumber(o, "spikes_per_sample", r.spikesPerSample());
        JsonLines.putNumber(o, "acs", r.acsPerSample());
        JsonLines.putNumber(o, "macs", r.macsPerSample());
        JsonLines.putNumber(o, "energy_snn_joules", r.energyJoules(energy));
        JsonLines.putNumber(o, "energy_ann_joules", r.annEnergyJoules(energy));
        o.addProperty("time", Instant.now().toString());
        if (!row.errors().isEmpty()) {
            JsonArray layers = new JsonArray();
            for (ConversionErrors.LayerError e : row.errors()) {
                JsonObject l = new JsonObject();
                l.addProperty("layer", e.layer());
                JsonLines.putNumber(l, "threshold", e.threshold());
                JsonLines.putNumber(l, "quantization_error", e.quantization());
                JsonLines.putNumber(l, "deviation_error", e.deviation());
                JsonLines.putNumber(l, "error_vs_ann", e.versusAnn());
                JsonLines.putNumber(l, "excess_vs_ann", e.excess());
                layers.add(l);
            }
            o.add("layers", layers);
        }
        JsonLines.append(file, o);
    }
}
