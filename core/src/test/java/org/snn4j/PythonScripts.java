package org.snn4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the cross-checking scripts under tests/ with a python3 that has the modules they need. */
public final class PythonScripts {
    private PythonScripts() {}

    /** What a script printed (stdout and stderr) and its exit code. */
    public record Result(int exitCode, String output) {}

    /** The first python3 (Debian's, then the PATH's) that imports {@code module}, or null when none does. */
    public static String pythonWith(String module) throws InterruptedException {
        for (String python : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) return python;
            } catch (IOException e) {
                // not this one
            }
        }
        return null;
    }

    /** Runs {@code tests/<script>} with {@code python} and the arguments; waits at most a minute. */
    public static Result run(String python, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, ProjectDir.root().resolve("tests").resolve(script).toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(script + " did not finish within a minute");
        }
        return new Result(p.exitValue(), out);
    }
}
