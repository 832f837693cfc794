package org.snn4j.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Headless Chromium for tests: where each element of a page lies, and a screenshot of the whole page. */
final class Chromium {
    static final int WIDTH = 1300;

    private Chromium() {}

    /** The chromium binary on the PATH, or null. */
    static String find() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) return Path.of(d, name).toString();
            }
        }
        return null;
    }

    /**
     * Where the page's sections and figures lie.
     *
     * @param height the page's height in CSS pixels
     * @param boxes  by element id: x, y (from the page's top), width, height in CSS pixels
     */
    record Layout(int height, Map<String, int[]> boxes) {}

    /** Lays out a copy of {@code page} with a script that writes the boxes of its sections and figures into the title. */
    static Layout layout(String chromium, Path page, Path work) throws IOException, InterruptedException {
        String script = "<script>document.title=JSON.stringify({h:document.documentElement.scrollHeight,b:[...document.querySelectorAll("
                + "'section,figure')].map(e=>{const r=e.getBoundingClientRect();return [e.id,r.x,r.y+scrollY,r.width,r.height];})});</script>";
        Path probe = work.resolve("probe.html");
        Files.writeString(probe, Files.readString(page).replace("</body>", script + "</body>"));
        String dom = run(chromium, work, "--dump-dom", "--window-size=" + WIDTH + ",1000", probe.toUri().toString());
        int start = dom.indexOf("<title>") + "<title>".length(), end = dom.indexOf("</title>");
        String json = dom.substring(start, end).replace("&quot;", "\"").replace("&amp;", "&");
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        Map<String, int[]> boxes = new LinkedHashMap<>();
        for (JsonElement e : o.getAsJsonArray("b")) {
            var a = e.getAsJsonArray();
            int[] box = new int[4];
            for (int i = 0; i < 4; i++) box[i] = (int) Math.round(a.get(i + 1).getAsDouble());
            boxes.put(a.get(0).getAsString(), box);
        }
        return new Layout(o.get("h").getAsInt(), boxes);
    }

    /** A screenshot of the whole page at one device pixel per CSS pixel. */
    static void screenshot(String chromium, Path page, Path png, int height, Path work) throws IOException, InterruptedException {
        run(chromium, work, "--screenshot=" + png, "--window-size=" + WIDTH + "," + height, page.toUri().toString());
        if (!Files.exists(png)) throw new IOException("chromium wrote no screenshot " + png);
    }

    /** Pixels in {@code box} of a clearly saturated colour (the charts' data; text, axes and the background are grey). */
    static long colouredPixels(BufferedImage image, int[] box) {
        long n = 0;
        for (int y = Math.max(0, box[1]); y < Math.min(image.getHeight(), box[1] + box[3]); y++) {
            for (int x = Math.max(0, box[0]); x < Math.min(image.getWidth(), box[0] + box[2]); x++) {
                int rgb = image.getRGB(x, y), r = rgb >> 16 & 255, g = rgb >> 8 & 255, b = rgb & 255;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) n++;
            }
        }
        return n;
    }

    private static String run(String chromium, Path work, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--no-first-run", "--user-data-dir=" + work.resolve("chromium-profile")));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(work, "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish in 180 s: " + cmd);
        }
        return Files.readString(out);
    }
}
