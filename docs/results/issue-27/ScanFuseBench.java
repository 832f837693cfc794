// One-off harness of issue 27 (branch nanfuse): the kernels of W1/W5 training whose NaN scan moved into them, the
// jar before (its kernel, then the caller's separate Reductions.firstNonFinite) against this branch (the kernel alone,
// scanning as it writes), both loaded in one process by two class loaders and called alternately; thread CPU time,
// one compute thread, best of the reps. Also W5's backward-data with a sparse dY (the zero tiles of later k blocks).
// java --add-modules jdk.incubator.vector docs/results/issue-27/ScanFuseBench.java OLD.jar NEW_CLASSES_DIR_OR_JAR [reps]
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.SplittableRandom;

public class ScanFuseBench {
    /** One side: the kernels of one build. */
    static final class Side {
        final String name;
        final Class<?> geometry;
        final Method square, forward, backwardData, scan, sgemm, setThreads;

        Side(String name, String path) throws Exception {
            this.name = name;
            ClassLoader l = new URLClassLoader(new URL[] {Path.of(path).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            geometry = l.loadClass("org.snn4j.kernels.ConvGeometry");
            square = geometry.getMethod("square", int.class, int.class, int.class, int.class, int.class, int.class, int.class, int.class);
            Class<?> conv = l.loadClass("org.snn4j.kernels.Conv2dKernels");
            forward = conv.getMethod("forward", geometry, float[].class, float[].class, float[].class, float[].class);
            backwardData = conv.getMethod("backwardData", geometry, float[].class, float[].class, float[].class);
            scan = l.loadClass("org.snn4j.kernels.Reductions").getMethod("firstNonFinite", float[].class, int.class, int.class);
            Class<?> gemm = l.loadClass("org.snn4j.kernels.Gemm");
            Method plain = gemm.getMethod("sgemm", boolean.class, boolean.class, int.class, int.class, int.class, float.class,
                    float[].class, int.class, int.class, float[].class, int.class, int.class, float.class, float[].class, int.class, int.class);
            Method scanned = null;
            try {
                scanned = gemm.getMethod("sgemmFinite", plain.getParameterTypes());
            } catch (NoSuchMethodException old) {
                // the jar before: sgemm, then the caller's scan
            }
            sgemm = scanned == null ? plain : scanned;
            setThreads = l.loadClass("org.snn4j.kernels.Parallel").getMethod("setThreads", int.class);
            setThreads.invoke(null, 1);
        }

        boolean scans() {
            return sgemm.getName().equals("sgemmFinite");
        }

        Object geometry(int n, int c, int h, int w, int outC) throws Exception {
            return square.invoke(null, n, c, h, w, outC, 3, 1, 1);
        }

        /** The kernel, then (the jar before) the caller's scan of its output. */
        void afterwards(float[] out, Object returned) throws Exception {
            if (!(returned instanceof Boolean)) scan.invoke(null, out, 0, out.length);
        }
    }

    interface Case {
        void run(Side s) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Side[] sides = {new Side("before", args[0]), new Side("nanfuse", args[1])};
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        SplittableRandom random = new SplittableRandom(27);
        // W1: conv1's held forward (64 images), conv2's backward-data (512 images, 32 <- 64, col2im), fc1's input gradient
        float[] x1 = values(64 * 784, 1, random), w1 = values(32 * 9, 1, random), b1 = values(32, 1, random), y1 = new float[64 * 32 * 784];
        float[] dy2 = values(512 * 64 * 196, 0.4, random), w2 = values(64 * 32 * 9, 1, random), dx2 = new float[512 * 32 * 196];
        float[] dyf = values(512 * 10, 1, random), wf = values(10 * 3136, 1, random), dxf = new float[512 * 3136];
        // W5: conv6 (256 -> 256, 4x4, 128 images) and conv4 (128 -> 128, 8x8) backward-data, dY nonzero in a quarter
        // of the images (a silent sample's gradient is zero), 5 % of the values there
        float[] dy6 = images(128, 256 * 16, 0.25, 0.05, random), w6 = values(256 * 256 * 9, 1, random), dx6 = new float[128 * 256 * 16];
        float[] dy4 = images(128, 128 * 64, 0.25, 0.05, random), w4 = values(128 * 128 * 9, 1, random), dx4 = new float[128 * 128 * 64];
        String[] names = {"W1 conv1 forward", "W1 conv2 backward-data", "W1 fc1 input gradient", "W5 conv6 backward-data",
                "W5 conv4 backward-data"};
        Case[] cases = {
            s -> s.afterwards(y1, s.forward.invoke(null, s.geometry(64, 1, 28, 28, 32), x1, w1, b1, y1)),
            s -> s.afterwards(dx2, s.backwardData.invoke(null, s.geometry(512, 32, 14, 14, 64), dy2, w2, dx2)),
            s -> s.afterwards(dxf, s.sgemm.invoke(null, false, false, 512, 3136, 10, 1f, dyf, 0, 10, wf, 0, 3136, 0f, dxf, 0, 3136)),
            s -> s.afterwards(dx6, s.backwardData.invoke(null, s.geometry(128, 256, 4, 4, 256), dy6, w6, dx6)),
            s -> s.afterwards(dx4, s.backwardData.invoke(null, s.geometry(128, 128, 8, 8, 128), dy4, w4, dx4)),
        };
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int c = 0; c < cases.length; c++) {
            long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
            for (int r = 0; r < reps + 3; r++) {
                for (int s = 0; s < 2; s++) {
                    long t0 = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < 5; i++) cases[c].run(sides[s]);
                    long t = mx.getCurrentThreadCpuTime() - t0;
                    if (r >= 3) best[s] = Math.min(best[s], t);
                }
            }
            System.out.printf("%-30s before %7.3f ms  nanfuse %7.3f ms  ratio %.2f%n", names[c], best[0] / 5e6, best[1] / 5e6,
                    (double) best[0] / best[1]);
        }
    }

    /** {@code n} images of {@code size} values, a share {@code live} of them with values at {@code density}, the rest 0. */
    static float[] images(int n, int size, double live, double density, SplittableRandom random) {
        float[] x = new float[n * size];
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < live) System.arraycopy(values(size, density, random), 0, x, i * size, size);
        }
        return x;
    }

    /** Values in (−1, 1), about {@code density} of them nonzero. */
    static float[] values(int size, double density, SplittableRandom random) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = random.nextDouble() < density ? (float) random.nextDouble(-1, 1) : 0f;
        return x;
    }
}
