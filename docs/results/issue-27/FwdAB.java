// One-off harness of docs/BENCHMARKS.md, issue 27: FwdBench for two jars in one JVM, each in its own class loader, rounds
// alternating A, B, A, B, ... so that both see the same load.
// Usage: java OPTIONS -cp DIR org.snn4j.kernels.FwdAB ROUNDS DIR-WITH-FwdBench JAR-A JAR-B [FwdBench args]
// (a "jar" may be a path list separated by ':', e.g. classes compiled over a jar).
package org.snn4j.kernels;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
public class FwdAB {
  public static void main(String[] a) throws Exception {
    int rounds = Integer.parseInt(a[0]);
    String[] rest = Arrays.copyOfRange(a, 4, a.length);
    for (int r = 0; r < rounds; r++) {
      for (int j = 2; j <= 3; j++) {
        List<URL> urls = new ArrayList<>();
        for (String p : a[j].split(":")) urls.add(Path.of(p).toUri().toURL());
        urls.add(Path.of(a[1]).toUri().toURL());
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
          System.out.println("round " + r + " " + (j == 2 ? "A " : "B ") + a[j]);
          loader.loadClass("org.snn4j.kernels.FwdBench").getMethod("main", String[].class).invoke(null, (Object) rest);
        }
      }
    }
  }
}
