package org.snn4j.convert;

import java.util.Map;
import org.snn4j.data.Dataset;
import org.snn4j.model.Model;
import org.snn4j.train.EvalResult;
import org.snn4j.train.TrainConfig;

/**
 * Evaluations and conversion calibrations computed on other machines (snn4j-spark on a Spark cluster), with the
 * single-machine results: what {@code snn4j eval} and {@code snn4j convert} run on when given a cluster. A
 * {@link Provider} found with {@link java.util.ServiceLoader} opens one, so the command line does not depend on
 * the module that computes. Used by one thread; {@link #close()} releases what it holds.
 */
public interface Cluster extends AutoCloseable {
    /**
     * Evaluates {@code model} (its current weights) on {@code test} with {@code cfg}'s steps, encoder, loss, batch
     * size and seed: the accuracy, spike counts and operation counts of
     * {@link org.snn4j.train.Evaluator#run} on one machine.
     */
    EvalResult evaluate(Model model, Dataset test, TrainConfig cfg);

    /**
     * {@link ActivationStatistics#measure}{@code (foldedAnn, calibration, samples, batch)}, measured in parts and
     * merged: the same statistics.
     */
    ActivationStatistics measure(Model foldedAnn, Dataset calibration, int samples, int batch);

    /** Releases what the cluster connection holds. */
    @Override
    void close();

    /** Opens clusters by name (e.g. {@code "spark"}). */
    interface Provider {
        /** The name a command line selects this provider by. */
        String name();

        /**
         * A connection to the cluster {@code options} name (e.g. {@code master}, {@code partitions}).
         *
         * @throws org.snn4j.Snn4jException for an option the provider does not know or cannot use
         */
        Cluster open(Map<String, String> options);
    }
}
