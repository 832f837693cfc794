// One-off harness (issue 27, fifth round): two threads each write their own KB-sized array, then read (y = 2x) their own (swap=false) or the other core's (swap=true); thread CPU ns per KB read. Run: java team-Aff.java KB
import java.lang.management.*;
import java.util.concurrent.*;
class Aff {
    public static void main(String[] a) throws Exception {
        int kb = Integer.parseInt(a[0]); int n = kb * 1024 / 4;
        float[][] buf = {new float[n], new float[n]}; float[][] out = {new float[n], new float[n]};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CyclicBarrier bar = new CyclicBarrier(2);
        long[] readCpu = new long[2];
        int reps = Math.max(20, 200000 / kb);
        for (boolean swap : new boolean[]{false, true, false, true}) {
            Thread[] ts = new Thread[2];
            for (int k = 0; k < 2; k++) { int kk = k; ts[k] = new Thread(() -> {
                try {
                    long rc = 0; double s = 0;
                    for (int r = 0; r < reps; r++) {
                        float[] mine = buf[kk];
                        for (int i = 0; i < n; i++) mine[i] = i + r;    // write own
                        bar.await();
                        float[] rd = buf[swap ? 1 - kk : kk];
                        long c0 = mx.getCurrentThreadCpuTime();
                        float[] o = out[kk]; for (int i = 0; i < n; i++) o[i] = rd[i] * 2f; s += o[r % n];
                        rc += mx.getCurrentThreadCpuTime() - c0;
                        bar.await();
                    }
                    readCpu[kk] = rc; if (s == 42) System.out.println();
                } catch (Exception e) { throw new RuntimeException(e); }
            }); ts[k].start(); }
            for (Thread t : ts) t.join();
            System.out.printf("%d KB swap=%b read ns/KB %.1f%n", kb, swap, readCpu[0] / (double) reps / kb);
        }
    }
}
