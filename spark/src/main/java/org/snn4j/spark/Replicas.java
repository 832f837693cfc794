package org.snn4j.spark;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.snn4j.model.Model;
import org.snn4j.train.LocalBackend;

/**
 * The models an executor computes with, built once per executor JVM and run (key) and reused by every
 * later task of the run: a task {@link #take takes} one (building it the first time), sets its weights from
 * the step's broadcast, computes and {@link #give gives} it back. Tasks that run at the same time on one
 * executor each get their own.
 */
final class Replicas {
    private static final Map<String, Queue<LocalBackend>> FREE = new ConcurrentHashMap<>();

    private Replicas() {}

    /** A model of run {@code key}'s spec with a backend computing with {@code payload}'s settings. */
    static LocalBackend take(String key, TrainPayload payload) {
        LocalBackend b = FREE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        if (b != null) return b;
        Model model = payload.newModel();
        return new LocalBackend(model, payload.config());
    }

    /** Returns {@code backend} to run {@code key}'s free models. */
    static void give(String key, LocalBackend backend) {
        FREE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(backend);
    }
}
