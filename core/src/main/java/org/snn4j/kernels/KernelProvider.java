package org.snn4j.kernels;

import java.util.Optional;

/**
 * Chooses, once per JVM, between the Vector API kernels and their scalar twins, and hands out one of each
 * kernel: the GEMM micro-kernel (behind {@link PackedGemm}), the event loops, the neuron loops, the 2×2
 * average pooling, the non-finite scan and the column rows of im2col. It is the only place that decides:
 * every facade ({@link Gemm}, {@link Conv2dKernels}, {@link EventKernels}, {@link NeuronLoops},
 * {@link PoolKernels}, {@link Reductions}) keeps what {@link #get()} hands it in a static final field, so
 * the JIT sees one implementation and inlines it.
 *
 * <p>The Vector API is used when {@code jdk.incubator.vector} is readable and its preferred float species
 * has at least 256 bits (narrower vectors do not beat the scalar loops); otherwise a warning on this
 * class's {@link System.Logger} gives the reason and the fix (the command line prints it as one line on
 * stderr). {@link VectorConstants} and the {@code Panama*} kernels are loaded only
 * after these checks pass, so a JVM without the module runs the scalar twins.
 *
 * <p>System properties, meant for tests: {@code snn4j.kernels=scalar} forces the scalar twins;
 * {@code snn4j.vectorBits=128|256|512} forces a vector width (bypassing the 256-bit minimum).
 *
 * @param name   "panama-512", "panama-256", "scalar", ... for reports
 * @param gemm   the blocked GEMM around the chosen micro-kernel
 * @param events the inner loops of {@link EventKernels}
 * @param neurons the fused loops of {@link NeuronLoops}
 * @param pool   the 2×2 average pooling of {@link PoolKernels}
 * @param scan   the scan of {@link Reductions#firstNonFinite}
 * @param im2col the column rows of {@link ConvImpl}
 * @param steps  the one-step neurons of {@link StepNeurons}
 */
record KernelProvider(String name, PackedGemm gemm, EventKernel events, NeuronKernel neurons, PoolKernel pool,
                      ScanKernel scan, Im2ColKernel im2col, StepNeuronKernel steps) {
    static final String KERNELS_PROPERTY = "snn4j.kernels";
    static final String VECTOR_BITS_PROPERTY = "snn4j.vectorBits";
    private static final String SCALAR = "scalar";
    private static final String MODULE = "jdk.incubator.vector";

    private static final KernelProvider INSTANCE = choose();

    /** The provider chosen for this JVM. */
    static KernelProvider get() {
        return INSTANCE;
    }

    /** The scalar twins (always available). */
    static KernelProvider scalar() {
        return new KernelProvider(SCALAR, new PackedGemm(new ScalarGemm()), new ScalarEventKernel(),
                ScalarNeuronLoops.INSTANCE, new ScalarPool(), new ScalarScan(), new ScalarIm2Col(),
                ScalarStepNeurons.INSTANCE);
    }

    /** The Vector API kernels; call only when {@link #whyNotVector()} is empty. */
    static KernelProvider vector() {
        return new KernelProvider("panama-" + VectorConstants.bits(), new PackedGemm(new PanamaGemm()),
                new PanamaEventKernel(), PanamaNeuronLoops.INSTANCE, new PanamaPool(), new PanamaScan(),
                new PanamaIm2Col(), PanamaStepNeurons.INSTANCE);
    }

    /** Whether these are the scalar twins. */
    boolean isScalar() {
        return name.equals(SCALAR);
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
        if (SCALAR.equals(System.getProperty(KERNELS_PROPERTY))) return scalar();
        Optional<String> why = whyNotVector();
        if (why.isPresent()) {
            System.getLogger(KernelProvider.class.getName())
                    .log(System.Logger.Level.WARNING, "using scalar kernels (slower): " + why.get());
            return scalar();
        }
        return vector();
    }
}
