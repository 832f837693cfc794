package org.snn4j.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.data.Dataset;
import org.snn4j.io.FileFormatException;
import org.snn4j.io.SafeTensors;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class DiehlCookFileTest {
    @TempDir
    Path dir;

    /** 12 random 1 × 3 × 3 "images" of 3 classes. */
    private static Dataset data() {
        float[] pixels = new float[12 * 9];
        new Rng(5).fillUniform(pixels, 0, 1);
        int[] labels = new int[12];
        for (int i = 0; i < 12; i++) labels[i] = i % 3;
        return Dataset.ofFloats("tiny", pixels, labels, 3, 1, 3, 3);
    }

    @Test
    void aSavedNetworkReadsBackWithItsWeightsThresholdsAndLabelsAndRunsAlike() {
        Dataset data = data();
        DiehlCook net = new DiehlCook(DiehlCookConfig.builder(4).dt(1).seed(7).build(), 9);
        net.train(data);
        Path file = dir.resolve("dc.safetensors");
        DiehlCookFile.save(file, net, new int[] {1, 3, 3});
        assertTrue(DiehlCookFile.holds(file));
        DiehlCookFile.Saved saved = DiehlCookFile.load(file);
        DiehlCook back = saved.network();
        assertArrayEquals(new int[] {1, 3, 3}, saved.sampleShape());
        assertArrayEquals(net.weights(), back.weights());
        assertArrayEquals(net.labels(), back.labels());
        for (int j = 0; j < 4; j++) assertEquals(net.threshold(j), back.threshold(j));
        assertEquals(net.config(), back.config());
        DiehlCook fresh = new DiehlCook(DiehlCookConfig.builder(4).dt(1).seed(7).build(), 9);
        fresh.restore(net.weights(), new float[] {net.threshold(0), net.threshold(1), net.threshold(2), net.threshold(3)}, net.labels());
        assertEquals(fresh.evaluate(data), back.evaluate(data), "the read network votes as the same state restored");
        DiehlCook brian = new DiehlCook(DiehlCookConfig.builder(4).lockout(50).eulerConductances(true).thetaRest(-20).build(), 9);
        Path second = dir.resolve("brian.safetensors");
        DiehlCookFile.save(second, brian, new int[] {1, 3, 3});
        assertEquals(brian.config(), DiehlCookFile.load(second).network().config(), "lock-out, Euler conductances and θ's rest level kept");
    }

    @Test
    void otherFilesAreNotTakenForOneAndBadFieldsAreNamed() throws Exception {
        Path other = dir.resolve("other.safetensors"), text = dir.resolve("text");
        SafeTensors.save(other, Map.of("w", Tensor.zeros(2)), Map.of("format", "something"));
        Files.writeString(text, "not a network");
        assertFalse(DiehlCookFile.holds(other));
        assertFalse(DiehlCookFile.holds(text));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("weights", Tensor.zeros(4, 2));
        tensors.put("thresholds", Tensor.zeros(2));
        Map<String, String> meta = new LinkedHashMap<>(Map.of("format", DiehlCookFile.FORMAT, "neurons", "2", "dt_ms", "0.5", "seed", "1",
                "sample_shape", "1,2,2"));
        SafeTensors.save(other, tensors, meta);
        assertEquals(4, DiehlCookFile.load(other).network().inputs());
        meta.put("sample_shape", "1,3,3");
        SafeTensors.save(other, tensors, meta);
        FileFormatException e = assertThrows(FileFormatException.class, () -> DiehlCookFile.load(other));
        assertTrue(e.getMessage().contains("tensor weights has shape [4, 2], expected [9, 2]"), e.getMessage());
        meta.put("sample_shape", "1,2,2");
        meta.put("dt_ms", "-1");
        SafeTensors.save(other, tensors, meta);
        assertTrue(assertThrows(FileFormatException.class, () -> DiehlCookFile.load(other)).getMessage().contains("dt_ms is -1"));
        meta.put("dt_ms", "0.5");
        tensors.put("labels", Tensor.full(0.5f, 2));
        SafeTensors.save(other, tensors, meta);
        assertTrue(assertThrows(FileFormatException.class, () -> DiehlCookFile.load(other)).getMessage().contains("labels[0] is 0.5"));
        tensors.put("weights", Tensor.full(Float.NaN, 4, 2));
        tensors.remove("labels");
        SafeTensors.save(other, tensors, meta);
        assertTrue(assertThrows(FileFormatException.class, () -> DiehlCookFile.load(other)).getMessage().contains("not finite"));
    }
}
