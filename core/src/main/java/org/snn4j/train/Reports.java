package org.snn4j.train;

import java.util.Map;
import java.util.StringJoiner;

/** Short text renderings of measured figures for logs and tables. */
public final class Reports {
    private Reports() {}

    /** "sn1 0.142, sn2 0.187" */
    public static String rates(Map<String, Double> rates) {
        StringJoiner j = new StringJoiner(", ");
        rates.forEach((k, v) -> j.add(String.format("%s %.3f", k, v)));
        return j.toString();
    }
}
