package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One decision for every kernel: a provider hands out only scalar twins or only Vector API kernels, and
 * the facades report the provider the JVM chose.
 */
class KernelProviderTest {

    private static List<Object> kernels(KernelProvider provider) {
        return List.of(provider.events(), provider.neurons(), provider.pool(), provider.scan(), provider.im2col());
    }

    @Test
    void theScalarProviderHandsOutOnlyScalarTwins() {
        KernelProvider scalar = KernelProvider.scalar();
        assertTrue(scalar.isScalar());
        for (Object kernel : kernels(scalar)) {
            assertTrue(kernel.getClass().getSimpleName().startsWith("Scalar"), kernel.getClass().getName());
        }
    }

    @Test
    void theVectorProviderHandsOutOnlyVectorKernels() {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), "Vector API not available");
        KernelProvider vector = KernelProvider.vector();
        assertFalse(vector.isScalar());
        for (Object kernel : kernels(vector)) {
            assertTrue(kernel.getClass().getSimpleName().startsWith("Panama"), kernel.getClass().getName());
        }
    }

    @Test
    void theFacadesUseTheProviderOfThisJvm() {
        KernelProvider chosen = KernelProvider.get();
        assertSame(chosen, KernelProvider.get(), "chosen once");
        assertEquals(chosen.name(), Gemm.implementationName());
        assertEquals(!chosen.isScalar(), NeuronLoops.vectorized());
        boolean forcedScalar = "scalar".equals(System.getProperty(KernelProvider.KERNELS_PROPERTY));
        assertEquals(forcedScalar || KernelProvider.whyNotVector().isPresent(), chosen.isScalar());
    }
}
