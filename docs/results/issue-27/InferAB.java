// One-off harness (issue 27, branch inf32): `bench infer` of several jars in ONE JVM, each jar in its own class loader
// (org.snn4j.cli.Main.run), rounds alternating jar by jar, so that all see the same load; prints each call's JSON line
// (median caller CPU ms of its reps). Whole-run A/B for a machine too loaded for separate processes to compare.
// Usage: java OPTIONS -cp DIR InferAB ROUNDS "bench infer args" JAR1 JAR2 ...
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
public class InferAB {
  public static void main(String[] a) throws Exception {
    int rounds = Integer.parseInt(a[0]);
    String[] args = a[1].trim().split("\\s+");
    int jars = a.length - 2;
    Method[] run = new Method[jars];
    for (int j = 0; j < jars; j++) {
      ClassLoader loader = new URLClassLoader(new URL[] {Path.of(a[2 + j]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      run[j] = loader.loadClass("org.snn4j.cli.Main").getMethod("run", String[].class);
    }
    PrintStream out = System.out;
    for (int r = 0; r < rounds; r++) {
      for (int j = 0; j < jars; j++) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        int rc;
        try {
          rc = (int) run[j].invoke(null, (Object) args);
        } finally {
          System.setOut(out);
        }
        String[] lines = buf.toString().trim().split("\n");
        out.println("{\"round\": " + r + ", \"jar\": \"" + Path.of(a[2 + j]).getFileName() + "\", \"rc\": " + rc + ", \"load\": \""
            + java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim() + "\", \"result\": " + lines[lines.length - 1] + "}");
      }
    }
  }
}
