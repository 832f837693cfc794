package org.snn4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.io.PrintStream;
import org.snn4j.engine.Executor;
import org.snn4j.metrics.EnergyModel;
import org.snn4j.train.EvalResult;

/** Prints evaluation results as text and JSON (the shapes scripts rely on). */
final class Reports {
    private Reports() {}

    static void printEvaluation(PrintStream out, EvalResult r, EnergyModel energy) {
        out.printf("test accuracy: %.4f (%d samples)%n", r.accuracy(), r.samples());
        out.println("spikes per neuron per step:");
        r.spikeRates().forEach((layer, rate) -> out.printf("  %-12s %.4f%n", layer, rate));
        out.printf("spikes per sample: %.0f%ninference samples/s: %.1f%n", r.spikesPerSample(), r.samplesPerSecond());
        out.printf("operations per sample, energy %s:%n", energy);
        out.printf("  %-14s %14s %14s %14s %12s%n", "layer", "dense MACs", "ACs", "MACs", "energy (nJ)");
        r.ops().forEach((layer, o) -> out.printf(Locale.ROOT, "  %-14s %14.0f %14.0f %14.0f %12.2f%n", layer, o.denseMacsPerSample(),
                o.acsPerSample(), o.macsPerSample(), 1e9 * energy.joules(o.macsPerSample(), o.acsPerSample())));
        double snn = r.energyJoules(energy), ann = r.annEnergyJoules(energy);
        out.printf(Locale.ROOT, "  %-14s %14.0f %14.0f %14.0f %12.2f%n", "total", r.denseMacsPerSample(), r.acsPerSample(),
                r.macsPerSample(), 1e9 * snn);
        out.printf(Locale.ROOT, "energy per sample: %.3g J as run, %.3g J as an ANN (ratio ANN/SNN %.2f)%n", snn, ann, ann / snn);
    }

    static JsonObject evaluationJson(EvalResult r, EnergyModel energy) {
        JsonObject o = new JsonObject();
        o.addProperty("test_accuracy", r.accuracy());
        o.addProperty("test_loss", r.loss());
        o.addProperty("test_samples", r.samples());
        JsonObject rates = new JsonObject();
        r.spikeRates().forEach(rates::addProperty);
        o.add("spikes_per_neuron_per_step", rates);
        o.addProperty("spikes_per_sample", r.spikesPerSample());
        o.addProperty("inference_samples_per_second", r.samplesPerSecond());
        o.addProperty("dense_macs", r.denseMacsPerSample());
        o.addProperty("acs", r.acsPerSample());
        o.addProperty("macs", r.macsPerSample());
        o.addProperty("energy_model", energy.toString());
        o.addProperty("energy_snn_joules", r.energyJoules(energy));
        o.addProperty("energy_ann_joules", r.annEnergyJoules(energy));
        JsonArray layers = new JsonArray();
        r.ops().forEach((layer, ops) -> {
            JsonObject l = new JsonObject();
            l.addProperty("layer", layer);
            l.addProperty("dense_macs", ops.denseMacsPerSample());
            l.addProperty("acs", ops.acsPerSample());
            l.addProperty("macs", ops.macsPerSample());
            l.addProperty("energy_joules", energy.joules(ops.macsPerSample(), ops.acsPerSample()));
            layers.add(l);
        });
        o.add("layers", layers);
        return o;
    }

    /** Per layer fed by spikes: how the engine ran it, the inputs' mean density and its synaptic ops per sample. */
    static void printEngineActivity(PrintStream out, Executor engine) {
        if (engine.activity().isEmpty()) return;
        out.printf("engine %s, layers fed by spikes:%n", engine.mode().label());
        out.printf("  %-14s %8s %8s %8s %10s %10s %16s%n", "layer", "event", "(fused)", "dense", "density", "crossover", "synaptic ops");
        engine.activity().forEach((layer, a) -> out.printf(Locale.ROOT, "  %-14s %8d %8d %8d %10.4f %10.4f %16.0f%n", layer,
                a.eventCalls(), a.fusedCalls(), a.denseCalls(), a.meanDensity(), a.measuredCrossover(), a.synapticOpsPerSample()));
    }

    static JsonArray engineActivityJson(Executor engine) {
        JsonArray layers = new JsonArray();
        engine.activity().forEach((layer, a) -> {
            JsonObject l = new JsonObject();
            l.addProperty("layer", layer);
            l.addProperty("event_calls", a.eventCalls());
            l.addProperty("fused_calls", a.fusedCalls());
            l.addProperty("dense_calls", a.denseCalls());
            l.addProperty("input_density", a.meanDensity());
            if (!Double.isNaN(a.measuredCrossover())) l.addProperty("measured_crossover", a.measuredCrossover());
            l.addProperty("synaptic_ops_per_sample", a.synapticOpsPerSample());
            if (a.weightGradient().ran()) {   // a convolution's weight gradient (training)
                l.addProperty("weight_gradient_event_calls", a.weightGradient().events());
                l.addProperty("weight_gradient_dense_calls", a.weightGradient().dense());
                if (!Double.isNaN(a.measuredGradientCrossover())) l.addProperty("weight_gradient_crossover", a.measuredGradientCrossover());
            }
            if (a.inputGradient().ran()) {   // a convolution's input gradient (training)
                l.addProperty("input_gradient_event_calls", a.inputGradient().events());
                l.addProperty("input_gradient_dense_calls", a.inputGradient().dense());
            }
            layers.add(l);
        });
        return layers;
    }
}
