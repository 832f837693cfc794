package org.snn4j.spark;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.snn4j.train.LocalBackend;

/**
 * The models an executor computes with, built once per executor JVM, run and payload and reused by every
 * later task of the run: a task {@link #take takes} one (building it the first time), sets its weights from
 * the step's broadcast, computes and {@link #give gives} it back. Tasks that run at the same time on one
 * executor each get their own. A run that changes its payload (a conversion sweep evaluates the ANN, then
 * an SNN per T) drops the replicas of the earlier payload as it meets them.
 */
final class Replicas {
    private record Replica(TrainPayload payload, LocalBackend backend) {}

    private static final Map<String, Queue<Replica>> FREE = new ConcurrentHashMap<>();

    private Replicas() {}

    /** A model of {@code payload}'s spec with a backend computing with its settings, for run {@code run}. */
    static LocalBackend take(String run, TrainPayload payload) {
        Queue<Replica> free = FREE.computeIfAbsent(run, k -> new ConcurrentLinkedQueue<>());
        for (Replica r = free.poll(); r != null; r = free.poll()) {
            if (r.payload().equals(payload)) return r.backend();
        }
        return new LocalBackend(payload.newModel(), payload.config());
    }

    /** Returns {@code backend}, made for {@code payload}, to run {@code run}'s free models. */
    static void give(String run, TrainPayload payload, LocalBackend backend) {
        FREE.computeIfAbsent(run, k -> new ConcurrentLinkedQueue<>()).add(new Replica(payload, backend));
    }
}
