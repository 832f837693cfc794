// One-off harness (issue 27, fifth round): a streaming loop y = 0.5x + 1 over MB-sized arrays at one and two threads, per-thread CPU. Run: java team-Bw.java MB
import java.lang.management.*;
class Bw {
    static volatile double sink;
    public static void main(String[] a) throws Exception {
        int mb = Integer.parseInt(a[0]); int n = mb * 1024 * 1024 / 4;
        float[][] arr = {new float[n], new float[n]};
        float[][] out = {new float[n], new float[n]};
        for (float[] x : arr) for (int i = 0; i < n; i++) x[i] = i % 7;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int threads : new int[]{1, 2, 1, 2, 1, 2}) {
            long[] cpu = new long[threads];
            Thread[] ts = new Thread[threads];
            long w0 = System.nanoTime();
            for (int k = 0; k < threads; k++) { int kk = k; ts[k] = new Thread(() -> {
                long c0 = mx.getCurrentThreadCpuTime();
                for (int rep = 0; rep < 20; rep++) { float[] x = arr[kk], y = out[kk]; for (int i = 0; i < n; i++) y[i] = x[i] * 0.5f + 1f; }
                cpu[kk] = mx.getCurrentThreadCpuTime() - c0; }); ts[k].start(); }
            for (Thread t : ts) t.join();
            double gb = 20.0 * n * 8 / 1e9;
            System.out.printf("threads %d wall %.0f ms, per-thread cpu %.0f ms, per-thread GB/s %.1f%n", threads, (System.nanoTime()-w0)/1e6, cpu[0]/1e6, gb/(cpu[0]/1e9));
        }
    }
}
