// One-off harness of issue 27 (branch w5par): W5 training in one JVM at 1 and 2 threads, alternating, after a
// warm-up, so that the JIT's compilation (which at 2 threads competes with both workers for the 2 cores) is out
// of the numbers: wall time, process CPU time and the calling thread's CPU time of each run (the CLI's train
// command through Main.run), and samples/s. Usage:
//   java --add-modules jdk.incubator.vector -XX:+UseSerialGC -XX:MaxNewSize=64m -cp JAR docs/results/issue-27/W5Threads.java
//        [samples rounds warmSamples dataDir]
import java.io.*;
import java.lang.management.*;
public class W5Threads {
  public static void main(String[] a) throws Exception {
    int samples = a.length > 0 ? Integer.parseInt(a[0]) : 1024, rounds = a.length > 1 ? Integer.parseInt(a[1]) : 3;
    int warm = a.length > 2 ? Integer.parseInt(a[2]) : 1024;
    String data = a.length > 3 ? a[3] : "/tmp/speed/cifar-fashion";
    PrintStream out = System.out;
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int r = 0; r <= rounds; r++) {
      for (int t : new int[] {2, 1}) {
        int n = r == 0 ? warm : samples;
        String[] args = ("train --model vgg11 --width 0.5 --norm none --init activity --data cifar10 --data-dir " + data
            + " --limit-train " + n + " --limit-test 32 --epochs 1 --batch 32 --T 4 --lr 1e-3 --schedule constant --threads " + t
            + " --seed 1 --out /tmp/w5par/h/w5-" + t + ".snn4j --force --no-progress").split(" ");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setOut(new PrintStream(log, true));
        long w0 = System.nanoTime(), c0 = os.getProcessCpuTime(), m0 = mx.getCurrentThreadCpuTime();
        int code = org.snn4j.cli.Main.run(args);
        long wall = System.nanoTime() - w0, cpu = os.getProcessCpuTime() - c0, main = mx.getCurrentThreadCpuTime() - m0;
        System.setOut(out);
        String sps = log.toString().lines().filter(l -> l.startsWith("train samples/s")).findFirst().orElse("exit " + code);
        try {
          Class<?> d = Class.forName("org.snn4j.kernels.Parallel$Diag");
          var print = d.getDeclaredMethod("print"); print.setAccessible(true);
          var reset = d.getDeclaredMethod("reset"); reset.setAccessible(true);
          if (Boolean.getBoolean("snn4j.diag")) { print.invoke(null); reset.invoke(null); }
        } catch (ClassNotFoundException e) { }
        out.printf("round %d threads %d samples %d wall %.2f s cpu %.2f s main-thread cpu %.2f s | %s | load %s%n", r, t, n, wall / 1e9,
            cpu / 1e9, main / 1e9, sps, new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim());
      }
    }
  }
}
