package org.snn4j.cli;

import java.nio.file.Path;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import picocli.CommandLine.Option;

/** Which data set to use, and optional size limits for quick runs. */
final class DataOptions {
    @Option(names = "--data", defaultValue = "mnist-10k",
            description = "mnist-10k (bundled), mnist, fashion-mnist, cifar10, cifar100, svhn (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--limit-train", paramLabel = "N", description = "Use only the first N training samples.")
    Integer limitTrain;

    @Option(names = "--limit-test", paramLabel = "N", description = "Use only the first N test samples.")
    Integer limitTest;

    Dataset load(Path dataDir, boolean train) {
        Dataset d = Datasets.load(data, dataDir, train);
        Integer limit = train ? limitTrain : limitTest;
        if (limit != null) {
            if (limit < 1) throw new org.snn4j.Snn4jException("--limit-" + (train ? "train" : "test") + " must be >= 1, was " + limit);
            if (limit < d.size()) d = d.subset(limit);
        }
        return d;
    }
}
