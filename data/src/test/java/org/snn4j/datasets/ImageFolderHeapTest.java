package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.data.DataLoader;
import org.snn4j.data.Dataset;

/**
 * Reading an image folder streams: a child JVM with a 48 MB heap reads 400 images of 128 × 128 whose
 * decoded samples (3·128·128 floats each) would take 79 MB, twice (an epoch through the loader, then
 * the per-channel statistics).
 */
class ImageFolderHeapTest {
    private static final int IMAGES = 400;
    private static final int SIZE = 128;

    @TempDir
    Path dir;

    @Test
    void aSmallHeapReadsMoreImagesThanItCouldHold() throws Exception {
        for (int k = 0; k < IMAGES; k++) ImageFolders.noise(dir.resolve((k % 2 == 0 ? "even/" : "odd/") + k + ".png"), SIZE, SIZE, k);
        assertTrue(IMAGES * 3L * SIZE * SIZE * Float.BYTES > (48L << 20) * 3 / 2, "more than 1.5 times the heap");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), dir.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        assertEquals("samples " + IMAGES * 9 / 10, out.lines().filter(l -> l.startsWith("samples")).findFirst().orElse(out));
    }

    /** The child: one epoch of the training split through a prefetching loader, then its statistics. */
    public static final class Child {
        public static void main(String[] args) {
            Dataset train = ImageFolder.load(Path.of(args[0]), true, SIZE);
            int seen = 0;
            try (DataLoader loader = DataLoader.over(train).batchSize(16).seed(1).prefetch(2).build()) {
                for (DataLoader.Batch b : loader.epoch(0)) seen += b.size();
            }
            double[][] ms = train.channelMeanStd();
            if (!(ms[0][0] > 0.4 && ms[0][0] < 0.6)) throw new AssertionError("mean " + ms[0][0]);
            System.out.println("samples " + seen);
        }
    }
}
