package org.snn4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One small in-process Spark shared by every test class of the run ({@code @ExtendWith(LocalSpark.class)}, then
 * {@link #context()}): {@code local[2,4]} (two threads; a task may fail up to 3 times before its job fails, so
 * retries can be tested), bound to 127.0.0.1, no web UI. Started by the first class that asks, stopped when
 * the test run ends, so the run pays Spark's start-up once.
 */
final class LocalSpark implements BeforeAllCallback {
    private static JavaSparkContext jsc;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(LocalSpark.class, k -> new Running(start()), Running.class);
    }

    /** The shared context (after the extension ran). */
    static JavaSparkContext context() {
        if (jsc == null) throw new IllegalStateException("annotate the test class with @ExtendWith(LocalSpark.class)");
        return jsc;
    }

    private static synchronized JavaSparkContext start() {
        SparkConf conf = new SparkConf().setMaster("local[2,4]").setAppName("snn4j-spark-test")
                .set("spark.ui.enabled", "false").set("spark.log.level", "WARN").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        jsc = new JavaSparkContext(conf);
        return jsc;
    }

    /** Stops the context when the root store closes, at the end of the test run. */
    private record Running(JavaSparkContext jsc) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            jsc.stop();
            LocalSpark.jsc = null;
        }
    }
}
