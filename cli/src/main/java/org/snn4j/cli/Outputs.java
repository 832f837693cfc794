package org.snn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The files a command reads and writes, checked before it does any work, as careful tools do (git and
 * rsync refuse to clobber their inputs, gzip an existing output it was not told to replace):
 * <ul>
 *   <li>no output may be one of the command's inputs, after symbolic and hard links
 *       ({@code convert --model-file a --out a});</li>
 *   <li>no two outputs may be the same file ({@code --checkpoint} equal to {@code --out}, or
 *       {@code export --format safetensors --out w.json}, whose spec would be written over the weights);</li>
 *   <li>a file the command writes beside an output without the user naming it (the spec of a
 *       safetensors export) must not exist already, unless {@code --force}.</li>
 * </ul>
 * Each is bad usage (exit 2) naming both flags; nothing has been read or written when it is reported.
 */
final class Outputs {
    private record Named(String label, Path path) {}

    private final CommandSpec spec;
    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> outputs = new ArrayList<>();
    private final List<Named> derived = new ArrayList<>();

    private Outputs(CommandSpec spec) {
        this.spec = spec;
    }

    static Outputs of(CommandSpec spec) {
        return new Outputs(spec);
    }

    /** A file the command reads, named in messages by {@code label} (its flag); null: not given. */
    Outputs input(String label, Path path) {
        if (path != null) inputs.add(new Named(label, path));
        return this;
    }

    /** A file the command writes where the user asked (its flag); null: not given. */
    Outputs output(String label, Path path) {
        if (path != null) outputs.add(new Named(label, path));
        return this;
    }

    /** A file the command writes beside an output without being asked to, described by {@code label}. */
    Outputs derived(String label, Path path) {
        if (path != null) derived.add(new Named(label, path));
        return this;
    }

    /**
     * Checks the rules above.
     *
     * @param force whether derived files that exist may be replaced
     * @throws ParameterException naming the flags (exit 2)
     */
    void check(boolean force) {
        List<Named> written = new ArrayList<>(outputs);
        written.addAll(derived);
        for (int i = 0; i < written.size(); i++) {
            Named out = written.get(i);
            for (Named in : inputs) {
                if (same(out.path(), in.path())) {
                    throw bad(describe(out) + " is the input " + describe(in) + ": writing it would destroy the input;"
                            + " choose another " + flagOf(out));
                }
            }
            for (int j = 0; j < i; j++) {
                Named other = written.get(j);
                if (same(out.path(), other.path())) {
                    throw bad(describe(other) + " and " + describe(out) + " are the same file: one would overwrite the other");
                }
            }
        }
        if (!force) {
            for (Named d : derived) {
                if (Files.exists(d.path(), LinkOption.NOFOLLOW_LINKS)) {
                    throw bad(d.label() + " " + d.path() + " exists and would be replaced; remove it, choose another --out,"
                            + " or pass --force");
                }
            }
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String describe(Named n) {
        return n.label() + " " + n.path();
    }

    /** The flag in a label ("--out", or the --out of "the spec beside --out"). */
    private static String flagOf(Named n) {
        int at = n.label().indexOf("--");
        return at < 0 ? n.label() : n.label().substring(at).split(" ")[0];
    }

    /** Whether two paths name one file: the same file after links when both exist, else the same resolved path. */
    static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
        } catch (IOException e) {
            // unreadable: fall back to comparing the resolved paths
        }
        return resolved(a).equals(resolved(b));
    }

    /**
     * The path with every link resolved that exists: the real path of the file, or of its nearest existing
     * parent directory with the rest appended (a file not written yet).
     */
    private static Path resolved(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }
}
