package org.snn4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snn4j.cli.Main;
import org.snn4j.model.Presets;
import picocli.CommandLine;

/**
 * The run records behind the figures of docs/EXPERIMENTS.md and docs/BENCHMARKS.md (docs/results/README.md):
 * every record is well-formed, every table of the two docs names its records, every record a doc names
 * exists, and every record's {@code ./snn4j} command still parses with the current command line (picocli's
 * parse only: nothing runs), its presets included.
 */
class RunRecordsTest {
    private static final Path ROOT = ProjectDir.root();
    private static final Path RECORDS = ROOT.resolve("docs/results/records");
    private static final List<String> DOCS = List.of("docs/EXPERIMENTS.md", "docs/BENCHMARKS.md");
    private static final Pattern RECORDS_LINE = Pattern.compile("^Records: (.+)$");
    private static final Pattern NAME = Pattern.compile("`([A-Za-z0-9.*_-]+)`");
    private static final Pattern RESULTS_PATH = Pattern.compile("docs/results/[A-Za-z0-9._{},/*-]+");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,40}(-dirty)?");

    private static Map<String, JsonObject> records() throws IOException {
        Map<String, JsonObject> all = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(RECORDS)) {
            for (Path f : files.sorted().toList()) {
                String file = f.getFileName().toString();
                assertTrue(file.endsWith(".json"), "only .json records in " + RECORDS + ": " + file);
                JsonElement e = JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8));
                assertTrue(e.isJsonObject(), file + " is not a JSON object");
                all.put(file.substring(0, file.length() - 5), e.getAsJsonObject());
            }
        }
        assertTrue(all.size() > 50, "records found: " + all.size());
        return all;
    }

    @Test
    void everyRecordIsWellFormed() throws IOException {
        Map<String, JsonObject> all = records();
        for (var e : all.entrySet()) {
            String n = e.getKey();
            JsonObject r = e.getValue();
            assertEquals(n, string(r, n, "name"), n + ": name must be the file's");
            assertFalse(r.getAsJsonArray("commands") == null || r.getAsJsonArray("commands").isEmpty(), n + ": no commands");
            r.getAsJsonArray("commands").forEach(c -> assertFalse(c.getAsString().isBlank(), n + ": a blank command"));
            assertTrue(COMMIT.matcher(string(r, n, "commit")).matches(), n + ": commit " + r.get("commit"));
            assertFalse(string(r, n, "machine").isBlank(), n + ": machine");
            assertTrue(DATE.matcher(string(r, n, "date")).matches(), n + ": date " + r.get("date"));
            assertTrue(r.has("results") && r.get("results").isJsonObject() && !r.getAsJsonObject("results").isEmpty(), n + ": results");
            if (r.has("reconstructed") && r.get("reconstructed").getAsBoolean()) {
                assertFalse(string(r, n, "source").isBlank(), n + ": a reconstructed record names its source");
            }
            if (r.has("needs")) {
                r.getAsJsonArray("needs").forEach(x -> assertTrue(all.containsKey(x.getAsString()), n + " needs unknown " + x));
            }
        }
    }

    @Test
    void everyTableOfTheDocsNamesItsRecords() throws IOException {
        for (String doc : DOCS) {
            List<String> lines = Files.readAllLines(ROOT.resolve(doc), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).startsWith("|") || (i > 0 && lines.get(i - 1).startsWith("|"))) continue;
                assertTrue(namesRecords(lines, i), doc + ":" + (i + 1) + ": the table has no 'Records: `NAME`, ...' line (or "
                        + "docs/results path) between it and the previous heading or table, nor after it before the next");
            }
        }
    }

    /** Whether the prose around the table starting at line {@code start} (up to the headings or tables on both sides) names records. */
    private static boolean namesRecords(List<String> lines, int start) {
        for (int i = start - 1; i >= 0 && !lines.get(i).startsWith("#") && !lines.get(i).startsWith("|"); i--) {
            if (mentionsRecords(lines.get(i))) return true;
        }
        int i = start;
        while (i < lines.size() && lines.get(i).startsWith("|")) i++;
        for (; i < lines.size() && !lines.get(i).startsWith("#") && !lines.get(i).startsWith("|"); i++) {
            if (mentionsRecords(lines.get(i))) return true;
        }
        return false;
    }

    private static boolean mentionsRecords(String line) {
        return RECORDS_LINE.matcher(line).find() || line.contains("docs/results/");
    }

    @Test
    void everyRecordTheDocsNameExists() throws IOException {
        Map<String, JsonObject> all = records();
        int named = 0;
        for (String doc : DOCS) {
            List<String> lines = Files.readAllLines(ROOT.resolve(doc), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String where = doc + ":" + (i + 1);
                Matcher m = RECORDS_LINE.matcher(lines.get(i));
                if (m.find() && !m.group(1).startsWith("none: ")) {  // "none: WHY" for a table that holds no figure
                    Matcher names = NAME.matcher(m.group(1));
                    boolean any = false;
                    while (names.find()) {
                        any = true;
                        named++;
                        String name = names.group(1);
                        var glob = FileSystems.getDefault().getPathMatcher("glob:" + name);
                        assertTrue(all.keySet().stream().anyMatch(k -> glob.matches(Path.of(k))),
                                where + ": no record " + name + " in " + ROOT.relativize(RECORDS));
                    }
                    assertTrue(any, where + ": a Records line names no record in backquotes");
                }
                Matcher paths = RESULTS_PATH.matcher(lines.get(i));
                while (paths.find()) {
                    for (String p : braceExpanded(paths.group().replaceAll("[.,]+$", ""))) {
                        assertTrue(Files.exists(ROOT.resolve(p)), where + ": " + p + " does not exist");
                    }
                }
            }
        }
        assertTrue(named > 50, "record names found in the docs: " + named);
    }

    /** {@code a{b,c}d{e,f}} as its four paths. */
    static List<String> braceExpanded(String path) {
        int open = path.indexOf('{');
        if (open < 0) return List.of(path);
        int close = path.indexOf('}', open);
        List<String> out = new ArrayList<>();
        for (String alt : path.substring(open + 1, close).split(",")) {
            out.addAll(braceExpanded(path.substring(0, open) + alt + path.substring(close + 1)));
        }
        return out;
    }

    @Test
    void everyRecordsCommandStillParses() throws IOException {
        int parsed = 0;
        for (var e : records().entrySet()) {
            for (JsonElement c : e.getValue().getAsJsonArray("commands")) {
                String command = c.getAsString();
                if (!command.startsWith("./snn4j ") || command.startsWith("./snn4j --")) continue;  // the launcher's own options
                assertFalse(command.matches(".*['\"`;|&<>].*"), e.getKey() + ": quoting or shell syntax in " + command);
                String[] args = command.substring("./snn4j ".length()).replace("$RUN", "/tmp/snn4j-run").trim().split("\\s+");
                try {
                    CommandLine.ParseResult r = new CommandLine(new Main()).setOverwrittenOptionsAllowed(true).parseArgs(args);
                    assertTrue(r.hasSubcommand(), e.getKey() + ": no subcommand in " + command);
                    CommandLine.ParseResult sub = r.subcommand();
                    if (sub.hasMatchedOption("--model") && !sub.matchedOption("--model").getValue().toString().endsWith(".json")) {
                        Presets.byName(sub.matchedOption("--model").getValue(), new int[] {3, 32, 32}, 10, Presets.Options.defaults());
                    }
                } catch (CommandLine.ParameterException | Snn4jException ex) {
                    fail(e.getKey() + ": '" + command + "' no longer parses: " + ex.getMessage());
                }
                parsed++;
            }
        }
        assertTrue(parsed > 100, "commands parsed: " + parsed);
    }

    @Test
    void aChangedFlagIsCaught() {
        CommandLine cl = new CommandLine(new Main()).setOverwrittenOptionsAllowed(true);
        try {
            cl.parseArgs("train", "--learning-rate", "0.1");
            fail("an unknown flag must not parse");
        } catch (CommandLine.ParameterException expected) {
            // what everyRecordsCommandStillParses reports
        }
        assertEquals(List.of("a/b/c", "a/b/d"), braceExpanded("a/b/{c,d}"));
    }

    private static String string(JsonObject r, String name, String key) {
        assertTrue(r.has(key) && r.get(key).isJsonPrimitive(), name + ": missing " + key);
        return r.get(key).getAsString();
    }
}
