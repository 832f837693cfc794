package org.snn4j.spark;

import org.snn4j.cli.Main;

/**
 * The class to give spark-submit: the ordinary command line ({@code train} and {@code finetune} with all their
 * options, plus {@code --spark-partitions}), whose training runs on the Spark master spark-submit sets; every
 * other command runs on the driver as usual. {@code ./snn4j train --spark-master local[2] ...} runs the same
 * class with Spark on the classpath.
 */
public final class SparkMain {
    private SparkMain() {}

    /** Runs the command line with {@code args}; exits with its status. */
    public static void main(String[] args) {
        Main.main(args);
    }
}
