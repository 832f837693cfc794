package org.snn4j.cli;

import com.google.gson.JsonObject;
import java.util.concurrent.Callable;
import org.snn4j.kernels.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code snn4j info}: what this installation runs on. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show version, JDK, threads and SIMD support.")
final class InfoCommand implements Callable<Integer> {
    @Option(names = "--json", description = "End with one JSON line of the same facts.")
    boolean json;

    @Override
    public Integer call() {
        JsonObject o = new JsonObject();
        o.addProperty("version", Version.VERSION);
        o.addProperty("java", Runtime.version().toString());
        o.addProperty("threads", Parallel.threads());
        o.addProperty("processors", Runtime.getRuntime().availableProcessors());
        o.addProperty("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        for (var e : o.entrySet()) System.out.println(e.getKey() + ": " + e.getValue().getAsString());
        if (json) System.out.println(o);
        return 0;
    }
}
