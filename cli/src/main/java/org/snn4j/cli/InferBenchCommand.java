package org.snn4j.cli;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.snn4j.data.Dataset;
import org.snn4j.encode.Encoders;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Executor;
import org.snn4j.kernels.Gemm;
import org.snn4j.kernels.Parallel;
import org.snn4j.model.ModelFile;
import org.snn4j.train.InferenceBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snn4j bench infer}: inference throughput of a saved model with a chosen engine. */
@Command(name = "infer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Inference throughput (samples/s) of a saved model at a given T and batch size, "
                + "from the median batch time after warm-up.")
final class InferBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SavedModelOptions model;

    @Mixin
    EngineOption engine;

    @Option(names = "--batch", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--reps", defaultValue = "10", description = "Timed batches; the median is reported (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--warmups", defaultValue = "3", description = "Untimed batches first, at least as many as the auto "
            + "engine needs to measure its crossovers (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.applyThreads(spec);
        EngineMode mode = engine.mode(spec);
        Flags.positive(spec, "--batch", batch);
        Flags.positive(spec, "--reps", reps);
        Flags.nonNegative(spec, "--warmups", warmups);
        ModelFile saved = model.read();
        Executor e = new Executor(saved.model(), mode);
        int t = model.steps(spec, saved);
        Dataset test = dataOptions.load(common.dataDir, false);
        InferenceBenchmark.Result r = InferenceBenchmark.run(e, test, t, Encoders.byName(saved.encoder(), saved.encoderGain()),
                batch, warmups, reps, common.seed);
        System.out.printf("model %s from %s, engine %s, T=%d, batch %d, %s%n", e.model().spec().name(), model.modelFile,
                e.mode().label(), t, batch, Terminal.threads());
        System.out.printf("%.0f samples/s (median batch %.1f ms of %d, after %d warm-ups; CPU time of the calling thread %.1f ms), "
                + "accuracy on those samples %.2f%%%n", r.samplesPerSecond(), r.medianBatchMillis(), reps, r.warmups(), r.medianCpuMillis(),
                100 * r.accuracy());
        Reports.printEngineActivity(System.out, e);
        if (common.json) {
            JsonObject o = new JsonObject();
            o.addProperty("date", Instant.now().toString());
            o.addProperty("model", e.model().spec().name());
            o.addProperty("model_file", model.modelFile.toString());
            o.addProperty("engine", e.mode().label());
            o.addProperty("T", t);
            o.addProperty("batch", batch);
            o.addProperty("warmups", r.warmups());
            o.addProperty("reps", reps);
            o.addProperty("threads", Parallel.threads());
            o.addProperty("gemm_implementation", Gemm.implementationName());
            o.addProperty("samples_per_second", r.samplesPerSecond());
            o.addProperty("median_batch_ms", r.medianBatchMillis());
            o.addProperty("median_caller_cpu_ms", r.medianCpuMillis());
            o.addProperty("accuracy", r.accuracy());
            o.add("layers", Reports.engineActivityJson(e));
            System.out.println(o);
        }
        return 0;
    }
}
