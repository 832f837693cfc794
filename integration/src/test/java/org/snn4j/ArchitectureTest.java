package org.snn4j;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * The layering of snn4j as rules over the main classes of every module (tests are not imported): the package order of
 * docs/ARCHITECTURE.md ("Packages and allowed dependencies"), no cycles between packages, and the few
 * things only one package may do — the Vector API and threads (kernels), picocli (cli). A rule that
 * fails names the offending classes and lines; a new package must be added to {@link #MAY_USE} (and to
 * the table) before it passes.
 */
@AnalyzeClasses(packages = "org.snn4j", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /**
     * Each package of org.snn4j and the packages it may use, from the bottom of the stack up: a package
     * names only packages listed before it ({@link #the_layer_order_is_strict}). Every package may also
     * use the root package (Snn4jException), which uses none.
     */
    static final Map<String, List<String>> MAY_USE = inOrder(
            Map.entry("tensor", List.of()),
            Map.entry("kernels", List.of()),
            Map.entry("nn", List.of("kernels", "tensor")),
            Map.entry("neuron", List.of("nn", "kernels", "tensor")),
            Map.entry("metrics", List.of("nn", "kernels", "tensor")),
            Map.entry("io", List.of("tensor")),
            Map.entry("data", List.of("tensor")),
            // address events from sensors (event cameras, spike audio)
            Map.entry("events", List.of("data", "io", "tensor")),
            Map.entry("encode", List.of("tensor")),
            Map.entry("loss", List.of("tensor")),
            Map.entry("optim", List.of("nn", "kernels", "tensor")),
            Map.entry("model", List.of("io", "neuron", "nn", "tensor")),
            Map.entry("engine", List.of("model", "metrics", "events", "neuron", "nn", "kernels", "tensor")),
            // running a model on live event streams (issue 28)
            Map.entry("stream", List.of("engine", "model", "metrics", "events", "tensor")),
            Map.entry("interop", List.of("model", "io", "neuron", "nn", "kernels", "tensor")),
            Map.entry("plot", List.of("engine", "model", "io", "nn", "tensor")),
            // a run's compute pool (kernels.ComputePool)
            Map.entry("train", List.of("engine", "model", "metrics", "optim", "loss", "encode", "events", "data", "io", "nn",
                    "kernels", "tensor")),
            // evaluates the SNNs it converts with train's Evaluator; nothing in train converts
            Map.entry("convert", List.of("train", "engine", "model", "metrics", "loss", "encode", "data", "io", "neuron", "nn",
                    "kernels", "tensor")),
            // unsupervised STDP: learners on nn layers (listeners), the Diehl & Cook network on data sets
            Map.entry("stdp", List.of("data", "io", "nn", "tensor")),
            // module snn4j-data: readers of files and the bundled digits, each returning a core data.Dataset
            Map.entry("datasets", List.of("events", "data", "tensor")),
            // the kernels' benchmarks, and the event readers' decoding speed (EventDecodeBenchmark)
            Map.entry("bench", List.of("kernels", "tensor", "datasets", "events", "stream", "engine", "model", "metrics", "data")),
            Map.entry("cli", List.of("stream", "datasets", "bench", "stdp", "train", "plot", "interop", "convert", "engine", "model",
                    "metrics", "optim", "loss", "encode", "events", "data", "io", "neuron", "nn", "kernels", "tensor")));

    /** Packages that may be empty: they are being introduced. */
    static final Set<String> OPTIONAL = Set.of();

    /**
     * Classes outside kernels that start a thread, each with why. To be removed, not added to: compute
     * runs on the threads of a {@code kernels.ComputePool} (a run's, or {@code kernels.Parallel}'s shared one).
     */
    static final Map<String, String> KNOWN_THREAD_STARTERS = Map.of(
            "org.snn4j.data.DataLoader$Epoch",
            "with prefetch > 0, one daemon thread builds the next batches (reading, augmenting) while the"
                    + " caller trains; it is I/O, not computation, and ends with the epoch");

    private static final String ROOT = "org.snn4j";

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices().matching("org.snn4j.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule packages_only_use_the_packages_below_them_that_the_table_allows = layers();

    @ArchTest
    static final ArchRule only_kernels_use_the_vector_api = noClasses()
            .that().resideOutsideOfPackage("org.snn4j.kernels..")
            .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..")
            .because("the Vector API is an incubator module: one package hides it behind scalar twins");

    @ArchTest
    static final ArchRule only_kernels_start_threads = noClasses()
            .that().resideOutsideOfPackage("org.snn4j.kernels..")
            .and(not(namedAnyOf(KNOWN_THREAD_STARTERS.keySet())))
            .should().accessTargetWhere(startsThreads())
            .because("compute threads are kernels.ComputePool's: a run's pool, or the shared one sized by --threads");

    @ArchTest
    static final ArchRule only_cli_uses_picocli = noClasses()
            .that().resideOutsideOfPackage("org.snn4j.cli..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("the library must not need the command line's parser");

    @ArchTest
    static final ArchRule only_the_spark_module_uses_spark = noClasses()
            .that().resideOutsideOfPackage("org.snn4j.spark..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
            .because("Spark is provided by a cluster to snn4j-spark only; the other modules run without it");

    /**
     * The library writes nothing to the console: one-time notices go to {@link System.Logger}, progress to
     * listeners (train.TrainingListener). The command line prints its output; no other class is excepted
     * (the benchmarks are JMH's, whose runner prints, and the suite the CLI runs writes only to a stream it is given).
     */
    @ArchTest
    static final ArchRule only_cli_writes_to_the_console = noClasses()
            .that().resideOutsideOfPackage("org.snn4j.cli..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("docs/ARCHITECTURE.md (Logging): library code logs through System.Logger and reports progress to"
                    + " listeners");

    /**
     * What an application that declares snn4j-core gets: the JDK (the Vector API optional), Gson and
     * nothing else. A class of the core module (read from core/target/classes) that needs any other
     * library belongs in a module above it (issue 19; docs/ARCHITECTURE.md, "Modules").
     */
    @ArchTest
    static final ArchRule the_core_module_needs_the_jdk_and_gson_only = classes()
            .that(comeFromTheCoreModule())
            .should().onlyDependOnClassesThat(areTheJdkGsonOrCore())
            .because("snn4j-core's dependency tree is the JDK plus one JSON library");

    @ArchTest
    static void the_core_module_is_seen(JavaClasses classes) {
        long core = classes.stream().filter(comeFromTheCoreModule()).count();
        if (core < 100) throw new AssertionError("only " + core + " classes from core/target/classes: the core rule checks nothing");
    }

    @ArchTest
    static void the_layer_order_is_strict(JavaClasses ignored) {
        List<String> below = new ArrayList<>();
        for (var layer : MAY_USE.entrySet()) {
            for (String used : layer.getValue()) {
                if (!below.contains(used)) {
                    throw new AssertionError(layer.getKey() + " may use " + used + ", not below it in MAY_USE");
                }
            }
            below.add(layer.getKey());
        }
    }

    @ArchTest
    static void known_thread_starters_still_start_threads(JavaClasses classes) {
        for (String name : KNOWN_THREAD_STARTERS.keySet()) {
            boolean starts = classes.contain(name)
                    && classes.get(name).getAccessesFromSelf().stream().anyMatch(startsThreads());
            if (!starts) throw new AssertionError(name + " no longer starts a thread: remove it from KNOWN_THREAD_STARTERS");
        }
    }

    @ArchTest
    static void the_thread_rule_sees_the_usual_ways_to_start_threads(JavaClasses ignored) {
        JavaClasses samples = new ClassFileImporter().importClasses(ThreadSamples.class);
        for (String method : List.of("thread", "builder", "executor", "pool", "forkJoinTask", "parallelStream",
                "parallelSort")) {
            boolean seen = samples.get(ThreadSamples.class).getMethods().stream()
                    .filter(m -> m.getName().equals(method))
                    .flatMap(m -> m.getAccessesFromSelf().stream())
                    .anyMatch(startsThreads());
            if (!seen) throw new AssertionError("the thread rule misses ThreadSamples." + method);
        }
    }

    /** The layered architecture of {@link #MAY_USE}, the root package beneath every layer. */
    private static ArchRule layers() {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer(ROOT).definedBy(ROOT);
        for (String name : MAY_USE.keySet()) {
            String packages = ROOT + "." + name + "..";
            rule = OPTIONAL.contains(name) ? rule.optionalLayer(name).definedBy(packages)
                    : rule.layer(name).definedBy(packages);
        }
        rule = rule.whereLayer(ROOT).mayNotAccessAnyLayer();
        for (var layer : MAY_USE.entrySet()) {
            List<String> allowed = new ArrayList<>(layer.getValue());
            allowed.add(ROOT);
            rule = rule.whereLayer(layer.getKey()).mayOnlyAccessLayers(allowed.toArray(String[]::new));
        }
        return rule.because("docs/ARCHITECTURE.md: dependencies point downward only");
    }

    /**
     * Accesses that start a thread or hand work to a pool: Thread constructors, start and builders,
     * Executors, new ForkJoinPool / ThreadPoolExecutor / Timer, the common pool (commonPool, fork and
     * invoke of a ForkJoinTask, CompletableFuture's *Async), parallel streams and Arrays.parallel*.
     */
    static DescribedPredicate<JavaAccess<?>> startsThreads() {
        return DescribedPredicate.describe("starts a thread or uses a thread pool", access -> {
            String type = access.getTargetOwner().getName();
            String name = access.getTarget().getName();
            boolean constructor = name.equals("<init>");
            return switch (type) {
                case "java.lang.Thread" -> constructor || Set.of("start", "ofPlatform", "ofVirtual",
                        "startVirtualThread").contains(name);
                case "java.util.concurrent.Executors" -> true;
                case "java.util.concurrent.ForkJoinPool" -> constructor || name.equals("commonPool");
                case "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ScheduledThreadPoolExecutor",
                        "java.util.Timer" -> constructor;
                case "java.util.concurrent.CompletableFuture" -> name.endsWith("Async");
                case "java.util.Arrays" -> name.startsWith("parallel");
                default -> type.startsWith("java.lang.Thread$Builder")
                        || name.equals("parallelStream")
                        || type.startsWith("java.util.stream.") && name.equals("parallel")
                        || Set.of("fork", "invoke", "invokeAll").contains(name) && isForkJoinTask(type);
            };
        });
    }

    /** Whether the class is a ForkJoinTask, asked of the JVM: the import may not hold the JDK's hierarchy. */
    private static boolean isForkJoinTask(String className) {
        try {
            return ForkJoinTask.class.isAssignableFrom(
                    Class.forName(className, false, ArchitectureTest.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static DescribedPredicate<JavaClass> comeFromTheCoreModule() {
        return DescribedPredicate.describe("come from the core module", c -> c.getSource()
                .map(source -> source.getUri().toString().contains("/core/target/classes/")).orElse(false));
    }

    /** The JDK (java.*, the Vector API), Gson, or a class of the core module; arrays by their element type. */
    private static DescribedPredicate<JavaClass> areTheJdkGsonOrCore() {
        return DescribedPredicate.describe("are the JDK's, Gson's or the core module's", c -> {
            JavaClass type = c.isArray() ? c.getBaseComponentType() : c;
            String pkg = type.getPackageName();
            return type.isPrimitive() || pkg.startsWith("java.") || pkg.startsWith("jdk.incubator.vector")
                    || pkg.startsWith("com.google.gson") || comeFromTheCoreModule().test(type);
        });
    }

    private static DescribedPredicate<JavaClass> namedAnyOf(Set<String> classNames) {
        return DescribedPredicate.describe("are one of " + classNames, c -> classNames.contains(c.getName()));
    }

    @SafeVarargs
    private static Map<String, List<String>> inOrder(Map.Entry<String, List<String>>... layers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (var layer : layers) map.put(layer.getKey(), layer.getValue());
        return Collections.unmodifiableMap(map);
    }

    /** One way each of starting threads, for {@link #the_thread_rule_sees_the_usual_ways_to_start_threads}. */
    @SuppressWarnings("unused")
    static final class ThreadSamples {
        void thread() {
            new Thread(() -> {}).start();
        }

        void builder() {
            Thread.ofVirtual().start(() -> {});
        }

        void executor() {
            Executors.newFixedThreadPool(2).shutdown();
        }

        void pool() {
            new ForkJoinPool(2).shutdown();
        }

        void forkJoinTask(RecursiveAction task) {
            task.fork();
        }

        long parallelStream(List<String> words) {
            return words.parallelStream().count();
        }

        void parallelSort(int[] a) {
            java.util.Arrays.parallelSort(a);
        }
    }
}
