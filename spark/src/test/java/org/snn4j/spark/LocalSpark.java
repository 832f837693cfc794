package org.snn4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A small in-process Spark for tests: {@code local[N]}, bound to 127.0.0.1, no web UI. */
final class LocalSpark {
    private LocalSpark() {}

    static JavaSparkContext start(int threads) {
        SparkConf conf = new SparkConf().setMaster("local[" + threads + "]").setAppName("snn4j-spark-test")
                .set("spark.ui.enabled", "false").set("spark.log.level", "WARN").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.sql.shuffle.partitions", "2");
        return new JavaSparkContext(conf);
    }
}
