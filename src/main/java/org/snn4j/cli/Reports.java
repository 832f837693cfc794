package org.snn4j.cli;

import com.google.gson.JsonObject;
import java.io.PrintStream;
import org.snn4j.train.EvalResult;

/** Prints evaluation results as text and JSON (the shapes scripts rely on). */
final class Reports {
    private Reports() {}

    static void printEvaluation(PrintStream out, EvalResult r) {
        out.printf("test accuracy: %.4f (%d samples)%n", r.accuracy(), r.samples());
        out.println("spikes per neuron per step:");
        r.spikeRates().forEach((layer, rate) -> out.printf("  %-12s %.4f%n", layer, rate));
        out.printf("spikes per sample: %.0f%ninference samples/s: %.1f%n", r.spikesPerSample(), r.samplesPerSecond());
    }

    static JsonObject evaluationJson(EvalResult r) {
        JsonObject o = new JsonObject();
        o.addProperty("test_accuracy", r.accuracy());
        o.addProperty("test_loss", r.loss());
        o.addProperty("test_samples", r.samples());
        JsonObject rates = new JsonObject();
        r.spikeRates().forEach(rates::addProperty);
        o.add("spikes_per_neuron_per_step", rates);
        o.addProperty("spikes_per_sample", r.spikesPerSample());
        o.addProperty("inference_samples_per_second", r.samplesPerSecond());
        return o;
    }
}
