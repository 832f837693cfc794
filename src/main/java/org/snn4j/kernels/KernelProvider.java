package org.snn4j.kernels;

import java.util.Optional;

/**
 * Chooses, once per JVM, between the Vector API kernels and their scalar twins. The Vector API is used
 * when {@code jdk.incubator.vector} is readable and its preferred float species has at least 256 bits
 * (narrower vectors do not beat the scalar loops); otherwise one line on stderr gives the reason and the
 * fix. {@link VectorConstants} and {@link PanamaGemm} are loaded only after these checks pass.
 *
 * <p>System properties, meant for tests: {@code snn4j.kernels=scalar} forces the scalar twins;
 * {@code snn4j.vectorBits=128|256|512} forces a vector width (bypassing the 256-bit minimum).
 */
final class KernelProvider {
    static final String KERNELS_PROPERTY = "snn4j.kernels";
    static final String VECTOR_BITS_PROPERTY = "snn4j.vectorBits";
    private static final String MODULE = "jdk.incubator.vector";

    private static final KernelProvider INSTANCE = choose();

    private final String name;
    private final PackedGemm gemm;
    private final EventKernel events;

    private KernelProvider(String name, PackedGemm gemm, EventKernel events) {
        this.name = name;
        this.gemm = gemm;
        this.events = events;
    }

    /** The provider chosen for this JVM. */
    static KernelProvider get() {
        return INSTANCE;
    }

    /** The scalar twins (always available). */
    static KernelProvider scalar() {
        return new KernelProvider("scalar", new PackedGemm(new ScalarGemm()), new ScalarEventKernel());
    }

    /** The Vector API kernels; call only when {@link #whyNotVector()} is empty. */
    static KernelProvider vector() {
        return new KernelProvider("panama-" + VectorConstants.bits(), new PackedGemm(new PanamaGemm()),
                new PanamaEventKernel());
    }

    /** "panama-512", "panama-256", "scalar", ... for reports. */
    String name() {
        return name;
    }

    PackedGemm gemm() {
        return gemm;
    }

    EventKernel events() {
        return events;
    }

    /**
     * Why the Vector API kernels cannot be used here, with the fix; empty when they can. Ignores
     * {@code snn4j.kernels}; touches {@link VectorConstants} only once the module is known readable.
     */
    static Optional<String> whyNotVector() {
        Optional<Module> module = ModuleLayer.boot().findModule(MODULE);
        if (module.isEmpty() || !KernelProvider.class.getModule().canRead(module.get())) {
            return Optional.of(MODULE + " is not readable; add --add-modules " + MODULE + " to the java command");
        }
        String forced = System.getProperty(VECTOR_BITS_PROPERTY);
        if (forced != null && !(forced.equals("128") || forced.equals("256") || forced.equals("512"))) {
            return Optional.of("-D" + VECTOR_BITS_PROPERTY + " must be 128, 256 or 512, was '" + forced + "'");
        }
        try {
            int bits = VectorConstants.bits();
            if (forced == null && bits < 256) {
                return Optional.of("the preferred vector width is " + bits
                        + " bits, below the 256 the kernels need to beat scalar code; nothing to fix");
            }
        } catch (LinkageError e) {
            return Optional.of("the Vector API failed to initialise (" + e + "); add --add-modules " + MODULE);
        }
        return Optional.empty();
    }

    private static KernelProvider choose() {
        if ("scalar".equals(System.getProperty(KERNELS_PROPERTY))) return scalar();
        Optional<String> why = whyNotVector();
        if (why.isPresent()) {
            System.err.println("snn4j: using scalar kernels (slower): " + why.get());
            return scalar();
        }
        return vector();
    }
}
