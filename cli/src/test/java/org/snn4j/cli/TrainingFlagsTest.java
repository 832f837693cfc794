package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Training flags that the library takes as typed values (optimizer, schedule, encoder, ranges) are
 * parsed and checked by the CLI before any data is read: bad usage, exit code 2, naming the flag.
 */
class TrainingFlagsTest {
    @Test
    void badTrainingFlagsAreBadUsageNamingTheFlag() {
        String[][] cases = {
                {"--optimizer", "lbfgs", "--optimizer: unknown optimizer 'lbfgs'; expected one of: sgd, adam, adamw"},
                {"--schedule", "linear", "--schedule: learning-rate schedule 'linear': unknown kind 'linear'"},
                {"--schedule", "cosine:0.5", "--schedule: learning-rate schedule 'cosine:0.5': minimum learning rate must be in "
                        + "[0, 0.005], was 0.5"},
                {"--encoder", "poisson", "--encoder: unknown encoder 'poisson'; expected one of: direct, bernoulli (alias rate)"},
                {"--momentum", "1.5", "--momentum must be in [0, 1), was 1.5"},
                {"--lr", "Infinity", "--lr must be finite and > 0, was Infinity"},
                {"--loss", "hinge", "--loss: unknown loss 'hinge'"},
                {"--spark-partitions", "2", "--spark-partitions needs --spark-master"},
                {"--gradient-chunk", "-1", "--gradient-chunk must be >= 0, was -1"},
                // the CLI's own classpath has no snn4j-spark: ./snn4j and spark-submit add it
                {"--spark-master", "local[2]", "--spark-master local[2]: snn4j-spark and Spark are not on the classpath; run "
                        + "through ./snn4j (which adds them) or spark-submit --class org.snn4j.spark.SparkMain"},
        };
        for (String[] c : cases) {
            CliTest.Run r = CliTest.run("train", "--data-dir", "/nonexistent", c[0], c[1]);
            String err = r.err().strip();
            assertEquals(2, r.code(), err);
            assertEquals(1, err.split("\n").length, err);
            assertTrue(err.startsWith("snn4j train: " + c[2]), err);
        }
    }
}
